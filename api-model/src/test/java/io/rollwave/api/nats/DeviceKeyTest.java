package io.rollwave.api.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceKeyTest {

  @Test
  void dotsInNamesBecomeUnderscoresAndBack() {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/infra-system/tor1.rack-7.site");
    assertThat(device.key()).isEqualTo("infra-system.NetworkSwitch.tor1_rack-7_site");
    String processKey = device.processKey("switch-agent.tor1.rack-7");
    assertThat(processKey)
        .isEqualTo("infra-system.NetworkSwitch.tor1_rack-7_site.switch-agent_tor1_rack-7");
    assertThat(DeviceKey.deviceProcessOf(processKey)).isEqualTo("switch-agent.tor1.rack-7");
    assertThat(device.processFilter()).isEqualTo("infra-system.NetworkSwitch.tor1_rack-7_site.*");
    assertThat(device).hasToString("NetworkSwitch/infra-system/tor1.rack-7.site");
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
