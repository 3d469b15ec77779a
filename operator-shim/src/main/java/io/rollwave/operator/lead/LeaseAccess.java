package io.rollwave.operator.lead;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the API server, before election starts, whether this replica may do to its Lease what the
 * election does: get, create and patch it (fabric8's lock) and update it (JOSDK's start check asks
 * for it). A missing verb fails the start with a line naming it, as a 403 would; JOSDK's own check
 * says only that some verbs are missing, and a lock that cannot patch would lose the lease 10 s
 * after taking it.
 */
public final class LeaseAccess {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseAccess.class);
  static final String GROUP = "coordination.k8s.io";
  static final List<String> VERBS = List.of("get", "create", "update", "patch");

  private LeaseAccess() {}

  /** Fails naming the first verb on the lease that the API server refuses this client. */
  public static void check(KubernetesClient kube, LeaderElection election) {
    for (String verb : VERBS) {
      SelfSubjectAccessReview review =
          new SelfSubjectAccessReviewBuilder()
              .withNewSpec()
              .withNewResourceAttributes()
              .withGroup(GROUP)
              .withResource("leases")
              .withVerb(verb)
              .withNamespace(election.leaseNamespace())
              // a create has no name to authorize: RBAC cannot restrict it by resourceNames
              .withName(verb.equals("create") ? null : election.leaseName())
              .endResourceAttributes()
              .endSpec()
              .build();
      SelfSubjectAccessReview answer =
          kube.authorization().v1().selfSubjectAccessReview().create(review);
      if (answer.getStatus() == null || !Boolean.TRUE.equals(answer.getStatus().getAllowed())) {
        String line = refusal(verb, election);
        LOG.error(line);
        throw new IllegalStateException(line);
      }
    }
  }

  static String refusal(String verb, LeaderElection election) {
    return ("forbidden: the operator cannot %s resource \"leases\" in API group \"%s\" in the"
            + " namespace \"%s\" (lease %s): grant verb %s on leases in API group \"%s\" to its"
            + " ServiceAccount (the chart's leader-election Role), or run without"
            + " --leader-election")
        .formatted(verb, GROUP, election.leaseNamespace(), election.leaseName(), verb, GROUP);
  }
}
