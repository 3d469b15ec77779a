package io.rollwave.agent.backend.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContainerStateTest {
  @Test
  void parsesPidRunningAndExitCode() {
    assertThat(ContainerState.parse("4242 true 0 ab12\n"))
        .isEqualTo(new ContainerState(4242, true, 0, "ab12"));
    assertThat(ContainerState.parse("0 false 137"))
        .as("no run label: a container the agent did not create")
        .isEqualTo(new ContainerState(0, false, 137, ""));
  }

  @Test
  void anythingElseNamesWhatItGot() {
    assertThatThrownBy(() -> ContainerState.parse("Error: no such container"))
        .hasMessage("unexpected inspect output 'Error: no such container'");
    assertThatThrownBy(() -> ContainerState.parse("x true 0"))
        .hasMessage("unexpected inspect output 'x true 0'");
  }
}
