package io.rollwave.api;

import static io.rollwave.api.ApiVerdicts.DEPLOYMENT;
import static io.rollwave.api.ApiVerdicts.NS;
import static io.rollwave.api.ApiVerdicts.PROCESS;
import static io.rollwave.api.ApiVerdicts.deploymentWith;
import static io.rollwave.api.ApiVerdicts.rollingUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.ApiVerdicts.Case;
import io.rollwave.api.ApiVerdicts.Valid;
import io.rollwave.testsupport.Commands;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.RealServers;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every integer the API takes is bounded by {@link Bounds} at the API server, the integer form of
 * an int-or-percent field included, so nothing the operator, the workflow or the agent reads into a
 * Java int can overflow it; and the bounds themselves are accepted.
 */
@ExtendWith(RealServers.class)
class BoundsIT {
  private static final String STATUS_NS = "bounds-status";
  private static final String OVER_INT32 = "2147483648";

  static Stream<Case> outOfBounds() {
    return Stream.of(
        new Case(
            "minReadySeconds past int32 (issue 14: stopped the operator)",
            deploymentWith("  minReadySeconds: " + OVER_INT32),
            "spec.minReadySeconds",
            "should be less than or equal to 86400"),
        new Case(
            "minReadySeconds past a day",
            deploymentWith("  minReadySeconds: 86401"),
            "spec.minReadySeconds",
            "should be less than or equal to 86400"),
        new Case(
            "progressDeadlineSeconds past a day",
            deploymentWith("  progressDeadlineSeconds: 86401"),
            "spec.progressDeadlineSeconds",
            "should be less than or equal to 86400"),
        new Case(
            "revisionHistoryLimit past 1000",
            deploymentWith("  revisionHistoryLimit: 1001"),
            "spec.revisionHistoryLimit",
            "should be less than or equal to 1000"),
        new Case(
            "maxUnavailable past int32 (issue 14: stopped the operator)",
            rollingUpdate("      maxUnavailable: " + OVER_INT32),
            "spec.updateStrategy.rollingUpdate.maxUnavailable",
            "must be an integer from 1 to 1000000"),
        new Case(
            "maxUnavailable 1000000000 (issue 14: Degraded while Progressing said complete)",
            rollingUpdate("      maxUnavailable: 1000000000"),
            "spec.updateStrategy.rollingUpdate.maxUnavailable",
            "must be an integer from 1 to 1000000"),
        new Case(
            "maxUnavailable one past the bound",
            rollingUpdate("      maxUnavailable: 1000001"),
            "spec.updateStrategy.rollingUpdate.maxUnavailable",
            "must be an integer from 1 to 1000000"),
        new Case(
            "maxUnavailable as a string of digits",
            rollingUpdate("      maxUnavailable: \"5\""),
            "spec.updateStrategy.rollingUpdate.maxUnavailable",
            "or a percentage from 1% to 100%"),
        new Case(
            "maxUnavailable percentage with a leading zero",
            rollingUpdate("      maxUnavailable: 05%"),
            "spec.updateStrategy.rollingUpdate.maxUnavailable",
            "or a percentage from 1% to 100%"),
        new Case(
            "maxUnavailablePerPartition one past the bound",
            rollingUpdate("      partitionBy: rack\n      maxUnavailablePerPartition: 1000001"),
            "spec.updateStrategy.rollingUpdate.maxUnavailablePerPartition",
            "must be an integer from 1 to 1000000"),
        new Case(
            "maxUnavailablePerPartition 0%",
            rollingUpdate("      partitionBy: rack\n      maxUnavailablePerPartition: 0%"),
            "spec.updateStrategy.rollingUpdate.maxUnavailablePerPartition",
            "or a percentage from 1% to 100%"),
        new Case(
            "step batch one past the bound",
            rollingUpdate("      steps:\n      - batch: 1000001"),
            "spec.updateStrategy.rollingUpdate.steps[0].batch",
            "must be an integer from 1 to 1000000"),
        new Case(
            "step batch 0%",
            rollingUpdate("      steps:\n      - batch: 0%"),
            "spec.updateStrategy.rollingUpdate.steps[0].batch",
            "or a percentage from 1% to 100%"),
        new Case(
            "step batch 101%",
            rollingUpdate("      steps:\n      - batch: 101%"),
            "spec.updateStrategy.rollingUpdate.steps[0].batch",
            "or a percentage from 1% to 100%"),
        new Case(
            "step batch 9x%",
            rollingUpdate("      steps:\n      - batch: 9x%"),
            "spec.updateStrategy.rollingUpdate.steps[0].batch",
            "or a percentage from 1% to 100%"),
        new Case(
            "maxFailures one past the bound",
            deploymentWith("  failurePolicy:\n    maxFailures: 1000001"),
            "spec.failurePolicy.maxFailures",
            "must be an integer from 0 to 1000000"),
        new Case(
            "maxFailures 101%",
            deploymentWith("  failurePolicy:\n    maxFailures: 101%"),
            "spec.failurePolicy.maxFailures",
            "or a percentage from 0% to 100%"),
        new Case(
            "pause one hour past a year",
            rollingUpdate("      steps:\n      - pause: {duration: 8761h}"),
            "spec.updateStrategy.rollingUpdate.steps[0].pause.duration",
            "a pause may last at most a year"),
        new Case(
            "pause one second past a year",
            rollingUpdate("      steps:\n      - pause: {duration: 31536001s}"),
            "spec.updateStrategy.rollingUpdate.steps[0].pause.duration",
            "a pause may last at most a year"),
        new Case(
            "pause past int32 seconds",
            rollingUpdate("      steps:\n      - pause: {duration: 999999999m}"),
            "spec.updateStrategy.rollingUpdate.steps[0].pause.duration",
            "a pause may last at most a year"),
        new Case(
            "pause of ten digits",
            rollingUpdate("      steps:\n      - pause: {duration: 9999999999h}"),
            "spec.updateStrategy.rollingUpdate.steps[0].pause.duration",
            "may not be more than 10 bytes"),
        new Case(
            "probe period past int32 (issue 14: stopped the DP informer)",
            PROCESS.replace("periodSeconds: 30", "periodSeconds: " + OVER_INT32),
            "spec.healthCheck.periodSeconds",
            "should be less than or equal to 86400"),
        new Case(
            "probe initial delay past a day",
            PROCESS.replace(
                "periodSeconds: 30", "periodSeconds: 30\n    initialDelaySeconds: 86401"),
            "spec.healthCheck.initialDelaySeconds",
            "should be less than or equal to 86400"),
        new Case(
            "probe timeout past a day",
            PROCESS.replace("periodSeconds: 30", "periodSeconds: 30\n    timeoutSeconds: 86401"),
            "spec.healthCheck.timeoutSeconds",
            "should be less than or equal to 86400"),
        new Case(
            "probe success threshold past the bound",
            PROCESS.replace(
                "periodSeconds: 30", "periodSeconds: 30\n    successThreshold: 1000001"),
            "spec.healthCheck.successThreshold",
            "should be less than or equal to 1000000"),
        new Case(
            "probe failure threshold past int32",
            PROCESS.replace("failureThreshold: 3", "failureThreshold: " + OVER_INT32),
            "spec.healthCheck.failureThreshold",
            "should be less than or equal to 1000000"));
  }

  static Stream<Valid> atTheBounds() {
    return Stream.of(
        new Valid(
            "deployment seconds and history at their maximum",
            deploymentWith(
                "  minReadySeconds: 86400\n"
                    + "  progressDeadlineSeconds: 86400\n"
                    + "  revisionHistoryLimit: 1000")),
        new Valid(
            "deployment seconds and history at their minimum",
            deploymentWith(
                "  minReadySeconds: 0\n  progressDeadlineSeconds: 1\n  revisionHistoryLimit: 0")),
        new Valid(
            "window counts at their maximum",
            rollingUpdate(
                "      maxUnavailable: 1000000\n"
                    + "      partitionBy: example.com/rack\n"
                    + "      maxUnavailablePerPartition: 1000000")),
        new Valid(
            "window percentages at their ends",
            rollingUpdate(
                "      maxUnavailable: 100%\n"
                    + "      partitionBy: rack\n"
                    + "      maxUnavailablePerPartition: 1%")),
        new Valid("window of one", rollingUpdate("      maxUnavailable: 1")),
        new Valid(
            "steps at every bound",
            rollingUpdate(
                "      steps:\n"
                    + "      - batch: 1\n"
                    + "      - pause: {duration: 8760h}\n"
                    + "      - batch: 1%\n"
                    + "      - pause: {duration: 525600m}\n"
                    + "      - batch: 100%\n"
                    + "      - pause: {duration: 31536000s}\n"
                    + "      - pause: {duration: 0s}\n"
                    + "      - pause: {}\n"
                    + "      - batch: 1000000")),
        new Valid("maxFailures 0", deploymentWith("  failurePolicy:\n    maxFailures: 0")),
        new Valid("maxFailures 0%", deploymentWith("  failurePolicy:\n    maxFailures: 0%")),
        new Valid(
            "maxFailures at the bound",
            deploymentWith("  failurePolicy:\n    maxFailures: 1000000")),
        new Valid(
            "probe timings and thresholds at their maximum",
            PROCESS.replace(
                "    periodSeconds: 30\n    failureThreshold: 3",
                "    periodSeconds: 86400\n"
                    + "    initialDelaySeconds: 86400\n"
                    + "    timeoutSeconds: 86400\n"
                    + "    successThreshold: 1000000\n"
                    + "    failureThreshold: 1000000")));
  }

  /** A status field past int32 in the merge patch {@code patch} of {@code resource}. */
  record StatusCase(String name, String resource, String field, String patch) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A status field past int32 would stop every informer that reads it into an Integer. */
  static Stream<StatusCase> statusOutOfBounds() {
    return Stream.of(
        new StatusCase(
            "deployment desiredNumberScheduled",
            "deviceprocessdeployment",
            "status.desiredNumberScheduled",
            "{\"status\":{\"desiredNumberScheduled\":" + OVER_INT32 + "}}"),
        new StatusCase(
            "deployment numberUnavailable",
            "deviceprocessdeployment",
            "status.numberUnavailable",
            "{\"status\":{\"numberUnavailable\":" + OVER_INT32 + "}}"),
        new StatusCase(
            "deployment rollout step",
            "deviceprocessdeployment",
            "status.rollout.step",
            "{\"status\":{\"rollout\":{\"step\":" + OVER_INT32 + "}}}"),
        new StatusCase(
            "process restartCount",
            "deviceprocess",
            "status.restartCount",
            "{\"status\":{\"restartCount\":" + OVER_INT32 + "}}"));
  }

  @BeforeAll
  static void namespaces(KubeTestServer kube) {
    kube.createNamespace(NS);
    kube.createNamespace(STATUS_NS);
    kube.kubectlApply(DEPLOYMENT.replace("namespace: " + NS, "namespace: " + STATUS_NS));
    kube.kubectlApply(PROCESS.replace("namespace: " + NS, "namespace: " + STATUS_NS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfBounds")
  void apiServerRefusesValuesPastTheirBound(Case bad, KubeTestServer kube) {
    ApiVerdicts.assertRefused(kube, bad);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("atTheBounds")
  void apiServerAcceptsTheBoundsThemselves(Valid valid, KubeTestServer kube) {
    ApiVerdicts.assertAccepted(kube, valid.yaml());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statusOutOfBounds")
  void apiServerRefusesStatusCountsPastInt32(StatusCase bad, KubeTestServer kube) {
    Commands.Result refused = patchStatus(kube, bad.resource(), bad.patch());
    assertThat(refused.exitCode()).as(refused.output()).isNotZero();
    assertThat(refused.output())
        .contains(bad.field())
        .contains("should be less than or equal to 2147483647");

    Commands.Result atBound =
        patchStatus(kube, bad.resource(), bad.patch().replace(OVER_INT32, "2147483647"));
    assertThat(atBound.exitCode()).as(atBound.output()).isZero();
  }

  private static Commands.Result patchStatus(KubeTestServer kube, String resource, String patch) {
    return kube.tryKubectl(
        null,
        "patch",
        resource,
        "bad-input",
        "-n",
        STATUS_NS,
        "--subresource=status",
        "--type=merge",
        "--dry-run=server",
        "-p",
        patch);
  }
}
