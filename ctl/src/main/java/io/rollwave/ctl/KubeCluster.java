package io.rollwave.ctl;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.rollwave.activities.DeviceAvailability;
import io.rollwave.api.Labels;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.ctl.CtlCommand.KubeFlags;
import io.rollwave.operator.PlanMain;
import io.rollwave.rollout.plan.DeviceState;
import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plugin's reads of the cluster, through fabric8 configured as kubectl would be. */
public final class KubeCluster implements Cluster, AutoCloseable {
  static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

  private final KubernetesClient client;
  private final Config config;

  private KubeCluster(KubernetesClient client, Config config) {
    this.client = client;
    this.config = config;
  }

  /** The cluster of {@code flags}: {@code --kubeconfig}, else $KUBECONFIG or ~/.kube/config. */
  public static KubeCluster connect(KubeFlags flags) {
    String context = flags.context().orElse(null);
    Config config;
    if (flags.kubeconfig().isPresent()) {
      File file = new File(flags.kubeconfig().get());
      if (!file.isFile()) {
        throw new CtlFailure("kubeconfig " + file + " does not exist; check --kubeconfig");
      }
      config = Config.fromKubeconfig(context, file);
    } else {
      config = Config.autoConfigure(context);
    }
    if (context != null
        && (config.getCurrentContext() == null
            || !context.equals(config.getCurrentContext().getName()))) {
      throw new CtlFailure(
          "no context \""
              + context
              + "\" in the kubeconfig; `kubectl config get-contexts` lists them");
    }
    flags.namespace().ifPresent(config::setNamespace);
    return new KubeCluster(new KubernetesClientBuilder().withConfig(config).build(), config);
  }

  @Override
  public String namespace() {
    return config.getNamespace() == null || config.getNamespace().isBlank()
        ? "default"
        : config.getNamespace();
  }

  @Override
  public Optional<DeviceProcessDeployment> deployment(String namespace, String name) {
    return Optional.ofNullable(
        reach(
            () ->
                client
                    .resources(DeviceProcessDeployment.class)
                    .inNamespace(namespace)
                    .withName(name)
                    .get()));
  }

  @Override
  public List<StoredRevision> revisions(String namespace, String name) {
    return controllerRevisions(namespace, name).stream()
        .map(
            cr ->
                stored(
                    cr, client.getKubernetesSerialization().convertValue(cr.getData(), Map.class)))
        .toList();
  }

  @Override
  public List<DeviceState> devices(String namespace, String name, String partitionBy) {
    return reach(
            () ->
                client
                    .resources(DeviceProcess.class)
                    .inNamespace(namespace)
                    .withLabel(Labels.DEPLOYMENT, name)
                    .list()
                    .getItems())
        .stream()
        .map(dp -> DeviceAvailability.stateOf(dp, partitionBy))
        .toList();
  }

  @Override
  public Optional<String> plan(String namespace, String name) {
    return reach(() -> PlanMain.plan(client, namespace, name));
  }

  /**
   * The user the API server authenticates these credentials as (a SelfSubjectReview, as {@code
   * kubectl auth whoami}); where the server offers none, the kubeconfig's user name.
   */
  @Override
  public String whoami() {
    try {
      SelfSubjectReview review =
          client
              .resource(new SelfSubjectReviewBuilder().withNewMetadata().endMetadata().build())
              .create();
      if (review.getStatus() != null
          && review.getStatus().getUserInfo() != null
          && review.getStatus().getUserInfo().getUsername() != null) {
        return review.getStatus().getUserInfo().getUsername();
      }
    } catch (KubernetesClientException e) {
      // an API server before 1.28, or one that forbids the review: the kubeconfig's name below
    }
    NamedContext current = config.getCurrentContext();
    if (current != null && current.getContext() != null && current.getContext().getUser() != null) {
      return current.getContext().getUser();
    }
    return config.getUsername() == null ? "unknown" : config.getUsername();
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public void restoreTemplate(String namespace, String name, long number, String changeCause) {
    Object template =
        controllerRevisions(namespace, name).stream()
            .filter(cr -> cr.getRevision() != null && cr.getRevision() == number)
            .map(cr -> cr.getData())
            .findFirst()
            .orElseThrow(
                () ->
                    new CtlFailure(
                        "dpd " + namespace + "/" + name + " has no stored revision " + number));
    var dpd = client.resources(DeviceProcessDeployment.class).inNamespace(namespace).withName(name);
    reach(
        () ->
            dpd.patch(
                PatchContext.of(PatchType.JSON_MERGE),
                client
                    .getKubernetesSerialization()
                    .asJson(
                        Map.of(
                            "metadata",
                            Map.of(
                                "annotations",
                                Map.of("kubernetes.io/change-cause", changeCause))))));
    reach(
        () ->
            dpd.patch(
                PatchContext.of(PatchType.JSON),
                client
                    .getKubernetesSerialization()
                    .asJson(
                        List.of(
                            Map.of(
                                "op", "replace", "path", "/spec/template", "value", template)))));
  }

  private List<io.fabric8.kubernetes.api.model.apps.ControllerRevision> controllerRevisions(
      String namespace, String name) {
    return reach(
        () ->
            client
                .apps()
                .controllerRevisions()
                .inNamespace(namespace)
                .withLabel(Labels.DEPLOYMENT, name)
                .list()
                .getItems());
  }

  private <T> T reach(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 0) {
        throw new CtlFailure(
            "cannot reach the Kubernetes API at "
                + config.getMasterUrl()
                + " ("
                + e.getMessage()
                + "); check --kubeconfig and --context",
            e);
      }
      throw e;
    }
  }

  /** {@code cr} as a stored revision; {@code data} is its template as maps. */
  static StoredRevision stored(ControllerRevision cr, Map<?, ?> data) {
    Map<String, String> labels =
        cr.getMetadata().getLabels() == null ? Map.of() : cr.getMetadata().getLabels();
    Map<String, String> annotations =
        cr.getMetadata().getAnnotations() == null ? Map.of() : cr.getMetadata().getAnnotations();
    Object artifact = path(data, "spec", "artifact");
    return new StoredRevision(
        cr.getRevision() == null ? 0 : cr.getRevision(),
        labels.getOrDefault(Labels.REVISION, ""),
        text(path(artifact, "version")),
        text(path(artifact, "url")),
        Optional.ofNullable(cr.getMetadata().getCreationTimestamp()).map(Instant::parse),
        Optional.ofNullable(annotations.get(CHANGE_CAUSE)).filter(c -> !c.isBlank()));
  }

  private static Object path(Object node, String... keys) {
    Object at = node;
    for (String key : keys) {
      at = at instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return at;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
