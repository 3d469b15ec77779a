package io.rollwave.api.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceKeyTest {

  @Test
  void dotsInNamesBecomeUnderscoresAndBack() {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/infra-system/tor1.rack-7.site");
    assertThat(device.key()).isEqualTo("infra-system.NetworkSwitch.tor1_rack-7_site");
    ProcessId process = new ProcessId("team-a", "switch-agent.tor1.rack-7");
    String processKey = device.processKey(process);
    assertThat(processKey)
        .isEqualTo("infra-system.NetworkSwitch.tor1_rack-7_site.team-a.switch-agent_tor1_rack-7");
    assertThat(DeviceKey.processOf(processKey)).contains(process);
    assertThat(device.processFilter()).isEqualTo("infra-system.NetworkSwitch.tor1_rack-7_site.*.*");
    assertThat(device).hasToString("NetworkSwitch/infra-system/tor1.rack-7.site");
  }

  @Test
  void sameNamedProcessesOfTwoNamespacesHaveTwoKeys() {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/team-a/tor1-01");
    String inA = device.processKey(new ProcessId("team-a", "agent"));
    String inB = device.processKey(new ProcessId("team-b", "agent"));
    assertThat(inA).isNotEqualTo(inB);
    assertThat(DeviceKey.processOf(inB)).contains(new ProcessId("team-b", "agent"));
  }

  @Test
  void processOfRefusesKeysOfAnotherShape() {
    Map<String, String> cases =
        Map.of(
            "a key from before namespaces", "infra-system.NetworkSwitch.tor1-01.agent",
            "a heartbeat key", "infra-system.NetworkSwitch.tor1-01",
            "an empty token", "infra-system.NetworkSwitch.tor1-01..agent",
            "one token too many", "infra-system.NetworkSwitch.tor1-01.a.b.c");
    cases.forEach(
        (why, key) -> assertThat(DeviceKey.processOf(key)).as(why).isEqualTo(Optional.empty()));
  }

  @Test
  void localNameIsOneTokenPerNamespaceAndName() {
    ProcessId process = new ProcessId("team-b", "agent.tor1");
    assertThat(process.localName()).isEqualTo("team-b_agent.tor1");
    assertThat(ProcessId.ofLocalName(process.localName())).contains(process);
    for (String notOne : new String[] {"agent", "_agent", "team-b_", "a_b_c"}) {
      assertThat(ProcessId.ofLocalName(notOne)).as(notOne).isEmpty();
    }
  }

  @Test
  void rejectsADeviceThatIsNotKindNamespaceName() {
    for (String bad : new String[] {"tor1-01", "NetworkSwitch/tor1-01", "a//b", "", "a/b/c/d"}) {
      assertThatThrownBy(() -> DeviceKey.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("KIND/NAMESPACE/NAME");
    }
  }
}
