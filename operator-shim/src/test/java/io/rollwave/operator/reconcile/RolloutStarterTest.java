package io.rollwave.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.rollout.RolloutInput;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the operator tells a rollout run about the version it rolls out. */
class RolloutStarterTest {
  static final String SHA = "a".repeat(64);

  static Stream<Arguments> versions() {
    return Stream.of(
        Arguments.of(
            "the artifact's version",
            new Artifact(ArtifactType.HTTP, "https://a.example/agent-1.2", SHA, "v1.2.4"),
            "v1.2.4"),
        Arguments.of(
            "an http URL's last part",
            new Artifact(ArtifactType.HTTP, "https://a.example/agent-1.2.tgz?x=1", SHA, null),
            "agent-1.2.tgz"),
        Arguments.of(
            "an OCI tag",
            new Artifact(ArtifactType.OCI, "registry.example/agent:1.3", SHA, " "),
            "1.3"),
        Arguments.of(
            "an OCI digest",
            new Artifact(ArtifactType.OCI, "registry.example/agent@sha256:ab", SHA, null),
            "sha256:ab"),
        Arguments.of(
            "an OCI name alone",
            new Artifact(ArtifactType.OCI, "registry.example/agent", SHA, null),
            "latest"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void namesTheVersionPeopleKnow(String name, Artifact artifact, String expected) {
    assertThat(RolloutStarter.versionOf(artifact)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("summaries")
  void theStaticSummaryNamesDeploymentVersionAndRevision(
      String name, RolloutInput input, String expected) {
    assertThat(RolloutStarter.staticSummary(input)).isEqualTo(expected);
  }

  static Stream<Arguments> summaries() {
    RolloutInput plain = RolloutInput.of("infra", "switch-agent", "7c9f", "1");
    return Stream.of(
        Arguments.of(
            "without a version", plain, "Roll out infra/switch-agent to 7c9f (revision 7c9f)"),
        Arguments.of(
            "with a version",
            new RolloutInput(
                "infra",
                "switch-agent",
                "7c9f",
                "1",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "v1.2.4",
                null),
            "Roll out infra/switch-agent to v1.2.4 (revision 7c9f)"));
  }
}
