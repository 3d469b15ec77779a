package io.rollwave.api;

import static io.rollwave.api.ApiVerdicts.DEPLOYMENT;
import static io.rollwave.api.ApiVerdicts.NS;
import static io.rollwave.api.ApiVerdicts.PROCESS;

import io.rollwave.api.ApiVerdicts.Case;
import io.rollwave.testsupport.KubeTestServer;
import io.rollwave.testsupport.RealServers;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The API server itself rejects bad input, with a message that names the field. */
@ExtendWith(RealServers.class)
class InvalidInputIT {
  static Stream<Case> badInputs() {
    return Stream.of(
        new Case(
            "unknown backend",
            PROCESS.replace("backend: exec", "backend: docker"),
            "spec.execution.backend",
            "Unsupported value: \"docker\""),
        new Case(
            "memory limit that is not a quantity",
            PROCESS.replace("memory: 64Mi", "memory: lots"),
            "spec.execution.resources.limits",
            "memory must be a positive quantity of bytes"),
        new Case(
            "cpu limit of 0",
            PROCESS.replace("cpu: 1}", "cpu: 0}"),
            "spec.execution.resources.limits",
            "cpu must be a positive quantity of cores"),
        new Case(
            "pull secret on an http artifact",
            PROCESS.replace(
                "    checksumSHA256: 8d4b",
                "    pullSecretRef: {name: regcred}\n    checksumSHA256: 8d4b"),
            "spec.artifact.pullSecretRef",
            "pullSecretRef is for oci artifacts only"),
        new Case(
            "unknown artifact type",
            PROCESS.replace("type: http", "type: ftp"),
            "spec.artifact.type",
            "Unsupported value: \"ftp\""),
        new Case(
            "unknown restart policy",
            PROCESS.replace("restartPolicy: Always", "restartPolicy: Sometimes"),
            "spec.restartPolicy",
            "Unsupported value: \"Sometimes\""),
        new Case(
            "placeholder checksum",
            PROCESS.replaceAll("checksumSHA256: \\w+", "checksumSHA256: abc123..."),
            "spec.artifact.checksumSHA256",
            "exactly 64 hexadecimal characters"),
        new Case(
            "checksum one character short",
            PROCESS.replace("37ca1e56", "37ca1e5"),
            "spec.artifact.checksumSHA256",
            "exactly 64 hexadecimal characters"),
        new Case(
            "missing deviceRef",
            PROCESS.replaceAll("  deviceRef:\\n    kind: NetworkSwitch\\n    name: tor1-01\\n", ""),
            "spec.deviceRef",
            "Required value"),
        new Case(
            "negative probe period",
            PROCESS.replace("periodSeconds: 30", "periodSeconds: -5"),
            "spec.healthCheck.periodSeconds",
            "should be greater than or equal to 1"),
        new Case(
            "negative failure threshold",
            PROCESS.replace("failureThreshold: 3", "failureThreshold: -1"),
            "spec.healthCheck.failureThreshold",
            "should be greater than or equal to 1"),
        new Case(
            "two probe kinds at once",
            PROCESS.replace(
                "  periodSeconds: 30", "  tcpSocket:\n      port: 8080\n    periodSeconds: 30"),
            "spec.healthCheck",
            "exactly one of exec, httpGet or tcpSocket"),
        new Case(
            "command missing for exec backend",
            PROCESS.replace("    command: [\"/usr/bin/switch-agent\"]\n", ""),
            "spec.execution",
            "command is required unless backend is container"),
        new Case(
            "negative maxUnavailable",
            DEPLOYMENT.replace("maxUnavailable: 10%", "maxUnavailable: -1"),
            "spec.updateStrategy.rollingUpdate.maxUnavailable",
            "must be an integer from 1 to 1000000"),
        new Case(
            "zero maxUnavailable",
            DEPLOYMENT.replace("maxUnavailable: 10%", "maxUnavailable: 0"),
            "spec.updateStrategy.rollingUpdate.maxUnavailable",
            "must be an integer from 1 to 1000000"),
        new Case(
            "zero percent maxUnavailable",
            DEPLOYMENT.replace("maxUnavailable: 10%", "maxUnavailable: 0%"),
            "spec.updateStrategy.rollingUpdate.maxUnavailable",
            "percentage from 1% to 100%"),
        new Case(
            "maxUnavailable over 100%",
            DEPLOYMENT.replace("maxUnavailable: 10%", "maxUnavailable: 150%"),
            "spec.updateStrategy.rollingUpdate.maxUnavailable",
            "percentage from 1% to 100%"),
        new Case(
            "maxUnavailable that is neither a number nor a percentage",
            DEPLOYMENT.replace("maxUnavailable: 10%", "maxUnavailable: lots"),
            "spec.updateStrategy.rollingUpdate.maxUnavailable",
            "percentage from 1% to 100%"),
        new Case(
            "empty selector",
            DEPLOYMENT.replace(
                "  selector:\n    matchLabels:\n      role: tor\n", "  selector: {}\n"),
            "spec.selector",
            "an empty selector would select every device"),
        new Case(
            "rollingUpdate under Recreate",
            DEPLOYMENT.replace("type: RollingUpdate", "type: Recreate"),
            "spec.updateStrategy",
            "rollingUpdate may only be set when type is RollingUpdate"),
        new Case(
            "per-partition limit without partitionBy",
            DEPLOYMENT.replace(
                "maxUnavailable: 10%", "maxUnavailable: 10%\n      maxUnavailablePerPartition: 1"),
            "spec.updateStrategy.rollingUpdate.maxUnavailablePerPartition",
            "needs partitionBy"),
        new Case(
            "step that is both batch and pause",
            DEPLOYMENT.replace(
                "maxUnavailable: 10%",
                "maxUnavailable: 10%\n      steps:\n      - batch: 1\n        pause: {duration: 10m}"),
            "spec.updateStrategy.rollingUpdate.steps[0]",
            "either a batch or a pause"),
        new Case(
            "pause duration without unit",
            DEPLOYMENT.replace(
                "maxUnavailable: 10%",
                "maxUnavailable: 10%\n      steps:\n      - pause: {duration: \"10\"}"),
            "spec.updateStrategy.rollingUpdate.steps[0].pause.duration",
            "should match"),
        new Case(
            "negative maxFailures",
            DEPLOYMENT.replace("  template:", "  failurePolicy:\n    maxFailures: -2\n  template:"),
            "spec.failurePolicy.maxFailures",
            "must be an integer from 0 to 1000000"),
        new Case(
            "missing template",
            DEPLOYMENT.substring(0, DEPLOYMENT.indexOf("  template:")),
            "spec.template",
            "Required value"));
  }

  @BeforeAll
  static void namespace(KubeTestServer kube) {
    kube.createNamespace(NS);
  }

  @Test
  void baseExamplesAreValid(KubeTestServer kube) {
    ApiVerdicts.assertAccepted(kube, PROCESS);
    ApiVerdicts.assertAccepted(kube, DEPLOYMENT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void apiServerRejectsBadInputNamingTheField(Case bad, KubeTestServer kube) {
    ApiVerdicts.assertRefused(kube, bad);
  }
}
