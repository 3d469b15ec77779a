package io.rollwave.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.testsupport.Commands;
import io.rollwave.testsupport.KubeTestServer;

/**
 * Valid examples of each kind and what the real API server says about variations of them: a table
 * row is a {@link Case}, refused with the field and the message fragment it names, or a YAML that
 * must apply. Dry runs on the server: validation and admission run, nothing is stored.
 */
final class ApiVerdicts {
  static final String NS = "invalid-input";

  static final String PROCESS =
      """
      apiVersion: azure.com/v1alpha1
      kind: DeviceProcess
      metadata:
        name: bad-input
        namespace: invalid-input
      spec:
        deviceRef:
          kind: NetworkSwitch
          name: tor1-01
        artifact:
          type: http
          url: https://artifacts.example/switch-agent-v1.2.3
          checksumSHA256: 8d4b0e6559a86adf3194da9e5a84d814d7e765845d60fbe69840754f37ca1e56
        execution:
          backend: exec
          command: ["/usr/bin/switch-agent"]
          resources:
            limits: {memory: 64Mi, cpu: 1}
        restartPolicy: Always
        healthCheck:
          exec:
            command: ["/usr/bin/switch-agent", "health"]
          periodSeconds: 30
          failureThreshold: 3
      """;

  static final String DEPLOYMENT =
      """
      apiVersion: azure.com/v1alpha1
      kind: DeviceProcessDeployment
      metadata:
        name: bad-input
        namespace: invalid-input
      spec:
        selector:
          matchLabels:
            role: tor
        updateStrategy:
          type: RollingUpdate
          rollingUpdate:
            maxUnavailable: 10%
        template:
          spec:
            artifact:
              type: http
              url: https://artifacts.example/switch-agent-v1.2.3
              checksumSHA256: 8d4b0e6559a86adf3194da9e5a84d814d7e765845d60fbe69840754f37ca1e56
            execution:
              backend: exec
              command: ["/usr/bin/switch-agent"]
      """;

  /** One bad input: the YAML, the field the error must name and a fragment of its message. */
  record Case(String name, String yaml, String field, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One input the server must accept. */
  record Valid(String name, String yaml) {
    @Override
    public String toString() {
      return name;
    }
  }

  private ApiVerdicts() {}

  /** {@link #DEPLOYMENT} with {@code text} inserted before its template (a spec field). */
  static String deploymentWith(String specField) {
    return DEPLOYMENT.replace("  template:", specField + "\n  template:");
  }

  /** {@link #DEPLOYMENT} with {@code rollingUpdate} in place of its rollingUpdate's fields. */
  static String rollingUpdate(String fields) {
    return DEPLOYMENT.replace("      maxUnavailable: 10%", fields);
  }

  /** {@link #DEPLOYMENT} with its template's metadata set to {@code metadata}. */
  static String templateMetadata(String metadata) {
    return DEPLOYMENT.replace(
        "    spec:\n      artifact:", metadata + "\n    spec:\n      artifact:");
  }

  static void assertRefused(KubeTestServer kube, Case bad) {
    assertThat(bad.yaml()).as("the case changes the valid example").isNotIn(PROCESS, DEPLOYMENT);
    Commands.Result result = kube.tryKubectl(bad.yaml(), "apply", "--dry-run=server", "-f", "-");
    assertThat(result.exitCode()).as("kubectl apply of %s: %s", bad, result.output()).isNotZero();
    assertThat(result.output()).contains(bad.field()).contains(bad.message());
  }

  static void assertAccepted(KubeTestServer kube, String yaml) {
    Commands.Result dryRun = kube.tryKubectl(yaml, "apply", "--dry-run=server", "-f", "-");
    assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
  }
}
