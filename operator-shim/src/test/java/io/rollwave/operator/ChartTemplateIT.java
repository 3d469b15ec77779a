package io.rollwave.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.rollwave.testsupport.Commands;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** charts/rollwave through the real helm: lint clean, and values that cannot work refused. */
class ChartTemplateIT {

  @Test
  void lintsCleanWithStrictChecks() {
    Commands.Result lint =
        HelmChart.tryHelm(
            List.of("lint", "--strict", HelmChart.chartDir().toString()),
            "rollwave-system",
            Map.of());
    assertThat(lint.exitCode()).as(lint.output()).isZero();
    assertThat(lint.output()).contains("0 chart(s) failed");
  }

  @ParameterizedTest(name = "{0}={1} is refused: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "temporal.address | '' | temporal.address is required",
        "nats.url | '' | nats.url is required",
        "nats.url | http://nats:4222 | /nats/url",
        "nats.url | nats://nats:4222 | nats.url is plain text",
        "temporal.tls.caSecret | temporal-ca | need temporal.tls.enabled=true",
        "nats.credentialsSecret | nats-creds | credentialsSecret",
        "leaderElection.enabled | false | needs leaderElection.enabled=true",
        "leaderElection.leaseName | Rollwave_Lock | /leaderElection/leaseName",
        "watchNamespaces | {a,b} | watchNamespaces",
        "podAntiAffinity | sometimes | podAntiAffinity",
        "logFormat | yaml | logFormat",
      })
  void refusesValuesThatCannotWork(String key, String value, String message) {
    Commands.Result r =
        HelmChart.tryHelm(
            List.of("template", HelmChart.RELEASE, HelmChart.chartDir().toString()),
            "rollwave-system",
            Map.of(key, value));
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.output()).contains(message);
  }

  @Test
  void rendersAHardenedOperatorDeployment() {
    List<HasMetadata> objects =
        HelmChart.objects(
            HelmChart.template("rollwave-system", Map.of("watchNamespaces[0]", "infra")));
    Deployment d =
        (Deployment)
            objects.stream().filter(o -> o instanceof Deployment).findFirst().orElseThrow();
    var pod = d.getSpec().getTemplate().getSpec();
    var c = pod.getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("rollwave/operator:0.1.0-SNAPSHOT");
    assertThat(c.getArgs())
        .containsSequence("--temporal", "temporal.example:7233")
        .containsSequence("--nats", "tls://nats.example:4222")
        .containsSequence("--namespace", "infra");
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(8080);
    assertThat(pod.getAffinity().getPodAntiAffinity()).isNotNull();
    assertThat(pod.getServiceAccountName()).isEqualTo("rollwave");
  }

  @Test
  void grantsLeasesOnlyWithLeaderElectionAndNamesTheLeaseWhereRbacCan() {
    assertThat(
            HelmChart.template(
                "rollwave-system", Map.of("leaderElection.enabled", "false", "replicaCount", "1")))
        .doesNotContain("leases");
    List<HasMetadata> objects = HelmChart.objects(HelmChart.template("rollwave-system", Map.of()));
    assertThat(objects)
        .filteredOn(o -> o instanceof Role && o.getMetadata().getName().endsWith("leader-election"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getMetadata().getNamespace()).isEqualTo("rollwave-system");
              assertThat(((Role) r).getRules())
                  .extracting(
                      rule ->
                          rule.getResources()
                              + " "
                              + rule.getResourceNames()
                              + " "
                              + rule.getVerbs())
                  .containsExactly(
                      "[leases] [] [create]", "[leases] [rollwave-operator] [get, update, patch]");
            });
  }

  @Test
  void mountsTheTlsAndIdentitySecretsAndPassesTheirFlags() {
    Deployment d =
        (Deployment)
            HelmChart.objects(
                    HelmChart.template(
                        "rollwave-system",
                        Map.of(
                            "nats.caSecret", "nats-ca",
                            "nats.clientCertSecret", "nats-client",
                            "nats.identitySecret", "rollwave-nats-authority",
                            "nats.serverName", "nats.internal",
                            "temporal.tls.enabled", "true",
                            "temporal.tls.caSecret", "temporal-ca",
                            "temporal.tls.clientCertSecret", "temporal-client")))
                .stream()
                .filter(o -> o instanceof Deployment)
                .findFirst()
                .orElseThrow();
    var pod = d.getSpec().getTemplate().getSpec();
    var c = pod.getContainers().get(0);
    assertThat(c.getArgs())
        .containsSequence("--nats-ca-file", "/etc/rollwave/nats-ca/ca.crt")
        .containsSequence(
            "--nats-cert-file",
            "/etc/rollwave/nats-client/tls.crt",
            "--nats-key-file",
            "/etc/rollwave/nats-client/tls.key")
        .containsSequence("--nats-server-name", "nats.internal")
        .containsSequence("--nats-identity", "/etc/rollwave/nats-identity")
        .containsSequence(
            "--temporal-tls", "--temporal-ca-file", "/etc/rollwave/temporal-ca/ca.crt")
        .containsSequence(
            "--temporal-cert-file",
            "/etc/rollwave/temporal-client/tls.crt",
            "--temporal-key-file",
            "/etc/rollwave/temporal-client/tls.key")
        .doesNotContain("--nats-insecure");
    assertThat(c.getVolumeMounts())
        .extracting(
            m ->
                m.getName()
                    + "="
                    + m.getMountPath()
                    + (Boolean.TRUE.equals(m.getReadOnly()) ? " ro" : ""))
        .contains(
            "nats-ca=/etc/rollwave/nats-ca ro",
            "nats-client=/etc/rollwave/nats-client ro",
            "nats-identity=/etc/rollwave/nats-identity ro",
            "temporal-ca=/etc/rollwave/temporal-ca ro",
            "temporal-client=/etc/rollwave/temporal-client ro");
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getSecret() != null)
        .extracting(v -> v.getName() + "=" + v.getSecret().getSecretName())
        .containsExactlyInAnyOrder(
            "nats-ca=nats-ca",
            "nats-client=nats-client",
            "nats-identity=rollwave-nats-authority",
            "temporal-ca=temporal-ca",
            "temporal-client=temporal-client");
    // the flags are the operator's own
    String usage = OperatorConfig.USAGE;
    c.getArgs().stream()
        .filter(a -> a.startsWith("--"))
        .forEach(flag -> assertThat(usage).as("operator usage").contains(flag + " "));
  }

  @Test
  void logsAsJsonOnlyWhenAsked() {
    assertThat(javaToolOptions(Map.of())).doesNotContain("slf4j");
    assertThat(
            javaToolOptions(
                Map.of("logFormat", "json", "javaOptions", "-Drollwave.log.level=debug")))
        .isEqualTo(
            "-Dslf4j.provider=io.rollwave.operator.logging.JsonLogProvider"
                + " -Dslf4j.internal.verbosity=WARN -Drollwave.log.level=debug");
  }

  private static String javaToolOptions(Map<String, String> values) {
    return HelmChart.objects(HelmChart.template("rollwave-system", values)).stream()
        .filter(o -> o instanceof Deployment)
        .map(o -> ((Deployment) o).getSpec().getTemplate().getSpec().getContainers().get(0))
        .flatMap(c -> c.getEnv().stream())
        .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
        .map(e -> e.getValue())
        .findFirst()
        .orElse("");
  }

  @Test
  void runsTwoReplicasThatElectALeaderByDefault() {
    List<HasMetadata> objects = HelmChart.objects(HelmChart.template("rollwave-system", Map.of()));
    Deployment d =
        (Deployment)
            objects.stream().filter(o -> o instanceof Deployment).findFirst().orElseThrow();
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getArgs())
        .containsSequence("--leader-election", "--lease-name", "rollwave-operator");
    assertThat(c.getEnv())
        .filteredOn(e -> e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null)
        .extracting(e -> e.getName() + "=" + e.getValueFrom().getFieldRef().getFieldPath())
        .contains("POD_NAMESPACE=metadata.namespace", "POD_NAME=metadata.name");
    assertThat(objects)
        .filteredOn(o -> o instanceof PodDisruptionBudget)
        .singleElement()
        .satisfies(
            pdb ->
                assertThat(((PodDisruptionBudget) pdb).getSpec().getMinAvailable().getIntVal())
                    .isEqualTo(1));
    assertThat(
            HelmChart.objects(
                HelmChart.template(
                    "rollwave-system",
                    Map.of("replicaCount", "1", "leaderElection.enabled", "false"))))
        .as("one replica: no budget that would block every drain")
        .noneMatch(o -> o instanceof PodDisruptionBudget);
  }
}
