package io.rollwave.api;

import static io.rollwave.api.ApiVerdicts.DEPLOYMENT;
import static io.rollwave.api.ApiVerdicts.NS;
import static io.rollwave.api.ApiVerdicts.PROCESS;
import static io.rollwave.api.ApiVerdicts.rollingUpdate;
import static io.rollwave.api.ApiVerdicts.templateMetadata;

import io.rollwave.api.ApiVerdicts.Case;
import io.rollwave.api.ApiVerdicts.Valid;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.RealServers;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every string that becomes a label, a label selector, a name or part of a NATS key is checked at
 * the API server with the syntax its later use demands, and Rollwave's own label keys stay its own:
 * what the API server accepts here, it also accepts on the DeviceProcesses made from it.
 */
@ExtendWith(RealServers.class)
class NamesAndLabelsIT {
  private static final String LABEL_63 = "v".repeat(63);
  private static final String NAME_63 = "d".repeat(63);
  private static final String LEGAL_LABELS =
      "        app: switch-agent\n"
          + "        example.com/rack: r1\n"
          + "        rollwave.example/tier: edge\n"
          + "        empty: \"\"\n"
          + "        long: "
          + LABEL_63
          + "\n"
          + "        "
          + LABEL_63
          + ": x";

  static Stream<Case> badNamesAndLabels() {
    return Stream.of(
        new Case(
            "template label rollwave.io/deployment (issue 14: stole DPs)",
            templateMetadata(
                "    metadata:\n      labels:\n        rollwave.io/deployment: victim"),
            "spec.template.metadata.labels",
            "keys under rollwave.io/ are Rollwave's own"),
        new Case(
            "template label under a subdomain of rollwave.io",
            templateMetadata("    metadata:\n      labels:\n        team.rollwave.io/owner: x"),
            "spec.template.metadata.labels",
            "keys under rollwave.io/ are Rollwave's own"),
        new Case(
            "template label value \"a b!\" (issue 14: refused with 422 at DP creation)",
            templateMetadata("    metadata:\n      labels:\n        tier: \"a b!\""),
            "spec.template.metadata.labels.tier",
            "should match"),
        new Case(
            "template label value of 64 characters",
            templateMetadata("    metadata:\n      labels:\n        tier: " + LABEL_63 + "v"),
            "spec.template.metadata.labels.tier",
            "may not be more than 63 bytes"),
        new Case(
            "template label key with a space",
            templateMetadata("    metadata:\n      labels:\n        \"my tier\": x"),
            "spec.template.metadata.labels",
            "every key must be a label key"),
        new Case(
            "template label key with a name of 64 characters",
            templateMetadata("    metadata:\n      labels:\n        " + LABEL_63 + "k: x"),
            "spec.template.metadata.labels",
            "every key must be a label key"),
        new Case(
            "template label key with an empty prefix",
            templateMetadata("    metadata:\n      labels:\n        /tier: x"),
            "spec.template.metadata.labels",
            "every key must be a label key"),
        new Case(
            "template annotation rollwave.io/revision-set-at",
            templateMetadata(
                "    metadata:\n      annotations:\n        rollwave.io/revision-set-at: \"2000\""),
            "spec.template.metadata.annotations",
            "keys under rollwave.io/ are Rollwave's own"),
        new Case(
            "template annotation key with a space",
            templateMetadata("    metadata:\n      annotations:\n        \"a b\": x"),
            "spec.template.metadata.annotations",
            "every key must be a label key"),
        new Case(
            "deployment name of 64 characters (issue 14: no DPs, empty status)",
            DEPLOYMENT.replace("name: bad-input", "name: " + NAME_63 + "d"),
            "metadata.name of a DeviceProcessDeployment",
            "may have at most 63 characters"),
        new Case(
            "partitionBy with a space",
            rollingUpdate("      partitionBy: \"my rack\""),
            "spec.updateStrategy.rollingUpdate.partitionBy",
            "must be a label key"),
        new Case(
            "partitionBy with a name of 64 characters",
            rollingUpdate("      partitionBy: example.com/" + LABEL_63 + "k"),
            "spec.updateStrategy.rollingUpdate.partitionBy",
            "must be a label key"),
        new Case(
            "selector label value \"a b!\"",
            DEPLOYMENT.replace("role: tor", "role: \"a b!\""),
            "spec.selector.matchLabels.role",
            "should match"),
        new Case(
            "selector expression with an unknown operator",
            DEPLOYMENT.replace(
                "    matchLabels:\n      role: tor",
                "    matchExpressions:\n    - {key: role, operator: Equals, values: [tor]}"),
            "spec.selector.matchExpressions[0].operator",
            "Unsupported value: \"Equals\""),
        new Case(
            "selector expression without an operator",
            DEPLOYMENT.replace(
                "    matchLabels:\n      role: tor",
                "    matchExpressions:\n    - {key: role, values: [tor]}"),
            "spec.selector.matchExpressions[0].operator",
            "Required value"),
        new Case(
            "deviceRef namespace that is no namespace name",
            PROCESS.replace("name: tor1-01", "name: tor1-01\n    namespace: \"infra>\""),
            "spec.deviceRef.namespace",
            "should match"),
        new Case(
            "deviceRef namespace of 64 characters",
            PROCESS.replace("name: tor1-01", "name: tor1-01\n    namespace: " + NAME_63 + "n"),
            "spec.deviceRef.namespace",
            "may not be more than 63 bytes"),
        new Case(
            "deviceRef name of 254 characters",
            PROCESS.replace("name: tor1-01", "name: " + "t".repeat(254)),
            "spec.deviceRef.name",
            "may not be more than 253 bytes"),
        new Case(
            "deviceRef kind of 64 characters",
            PROCESS.replace("kind: NetworkSwitch", "kind: N" + "s".repeat(63)),
            "spec.deviceRef.kind",
            "may not be more than 63 bytes"));
  }

  static Stream<Valid> goodNamesAndLabels() {
    return Stream.of(
        new Valid(
            "template labels and annotations of every legal shape",
            templateMetadata(
                "    metadata:\n      labels:\n"
                    + LEGAL_LABELS
                    + "\n      annotations:\n"
                    + "        example.com/note: \"any text, even with spaces!\"")),
        new Valid(
            "a DeviceProcess carrying those labels (the API server's own label rules)",
            PROCESS.replace(
                "  namespace: invalid-input\n",
                "  namespace: invalid-input\n  labels:\n"
                    + LEGAL_LABELS.replace("      ", "  ")
                    + "\n")),
        new Valid(
            "deployment name of 63 characters",
            DEPLOYMENT.replace("name: bad-input", "name: " + NAME_63)),
        new Valid(
            "partitionBy with a prefix", rollingUpdate("      partitionBy: example.com/rack")),
        new Valid(
            "selector expressions of each operator",
            DEPLOYMENT.replace(
                "    matchLabels:\n      role: tor",
                "    matchExpressions:\n"
                    + "    - {key: role, operator: In, values: [tor, spine]}\n"
                    + "    - {key: example.com/site, operator: NotIn, values: [lab]}\n"
                    + "    - {key: ready, operator: Exists}\n"
                    + "    - {key: broken, operator: DoesNotExist, values: []}")),
        new Valid(
            "deviceRef with its own namespace and longest names",
            PROCESS.replace(
                "    kind: NetworkSwitch\n    name: tor1-01",
                "    kind: N"
                    + "s".repeat(62)
                    + "\n    name: "
                    + "t".repeat(253)
                    + "\n    namespace: "
                    + NS)));
  }

  @BeforeAll
  static void namespace(KubeTestServer kube) {
    kube.createNamespace(NS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badNamesAndLabels")
  void apiServerRefusesWhatCannotBeALabelOrName(Case bad, KubeTestServer kube) {
    ApiVerdicts.assertRefused(kube, bad);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodNamesAndLabels")
  void apiServerAcceptsEveryLegalLabelAndName(Valid valid, KubeTestServer kube) {
    ApiVerdicts.assertAccepted(kube, valid.yaml());
  }
}
