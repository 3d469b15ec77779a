package io.rollwave.api.nats.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollwave.api.nats.DeviceKey;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The device an enrollment or renewal subject names, which is who may publish there. */
class IdentitySubjectsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "rollwave.enroll.infra.NetworkSwitch.tor1-01, NetworkSwitch/infra/tor1-01",
    "rollwave.enroll.infra_eu.NetworkSwitch.tor1_rack2, NetworkSwitch/infra.eu/tor1.rack2",
    "rollwave.enroll.infra.NetworkSwitch, ''",
    "rollwave.enroll.infra.NetworkSwitch.tor1-01.extra, ''",
    "rollwave.enroll.infra..tor1-01, ''",
    "rollwave.renew.infra.NetworkSwitch.tor1-01, ''",
    "rollwave.enrollx.infra.NetworkSwitch.tor1-01, ''"
  })
  void namesTheDeviceOfItsSubjectOrNone(String subject, String device) {
    Optional<DeviceKey> named = IdentitySubjects.deviceOf(IdentitySubjects.ENROLL_ROOT, subject);
    assertThat(named.map(DeviceKey::toString).orElse("")).isEqualTo(device);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"NetworkSwitch/infra/tor1-01", "DPU/infra.eu/dpu.rack2.01"})
  void aDevicesSubjectsRoundTrip(String device) {
    DeviceKey key = DeviceKey.parse(device);
    assertThat(
            IdentitySubjects.deviceOf(IdentitySubjects.ENROLL_ROOT, IdentitySubjects.enroll(key)))
        .contains(key);
    assertThat(IdentitySubjects.deviceOf(IdentitySubjects.RENEW_ROOT, IdentitySubjects.renew(key)))
        .contains(key);
    assertThat(IdentitySubjects.inboxPrefix(key)).isEqualTo("_RW_INBOX." + key.key() + ".");
  }
}
