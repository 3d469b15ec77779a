package io.rollwave.api.nats.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulator of one namespace may do what that namespace's devices do, and nothing more. */
class SimulatorPermissionsTest {
  private static final Permissions DEMO = SimulatorPermissions.of("rollwave-demo");

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
    "pub, $KV.rollwave-status.rollwave-demo.NetworkSwitch.tor1-01.rollwave-demo.agent, true",
    "pub, $KV.rollwave-heartbeat.rollwave-demo.NetworkSwitch.tor1-01, true",
    "pub, $JS.API.CONSUMER.CREATE.KV_rollwave-desired.c1.$KV.rollwave-desired.rollwave-demo.>, true",
    "pub, $JS.API.CONSUMER.INFO.KV_rollwave-desired.c1, true",
    "sub, _RW_INBOX.rollwave-demo.NetworkSwitch.tor1-01.x, true",
    "pub, $KV.rollwave-status.infra.NetworkSwitch.tor1-01.infra.agent, false",
    "pub, $KV.rollwave-heartbeat.infra.NetworkSwitch.tor1-01, false",
    "pub, $KV.rollwave-desired.rollwave-demo.NetworkSwitch.tor1-01.rollwave-demo.agent, false",
    "pub, $JS.API.CONSUMER.CREATE.KV_rollwave-desired.c1.$KV.rollwave-desired.>, false",
    "pub, $JS.API.CONSUMER.CREATE.KV_rollwave-desired.c1.$KV.rollwave-desired.infra.>, false",
    "pub, $JS.API.DIRECT.GET.KV_rollwave-desired.$KV.rollwave-desired.infra.NetworkSwitch.a.b.c, false",
    "pub, $JS.API.STREAM.INFO.KV_rollwave-desired, true",
    "pub, $JS.API.STREAM.INFO.KV_rollwave-status, false",
    "pub, $JS.API.STREAM.DELETE.KV_rollwave-status, false",
    "pub, $JS.API.STREAM.PURGE.KV_rollwave-desired, false",
    "pub, rollwave.enroll.rollwave-demo.NetworkSwitch.tor1-01, false",
    "pub, $SYS.REQ.SERVER.PING, false",
    "sub, _INBOX.abc, false",
    "sub, _RW_INBOX.infra.NetworkSwitch.tor1-01.x, false",
    "sub, >, false",
    "sub, $KV.rollwave-desired.>, false"
  })
  void allowsOnlyItsOwnNamespace(String kind, String subject, boolean allowed) {
    List<String> allow = kind.equals("pub") ? DEMO.publishAllow() : DEMO.subscribeAllow();
    assertThat(allow.stream().anyMatch(pattern -> matches(pattern, subject)))
        .as("%s %s", kind, subject)
        .isEqualTo(allowed);
  }

  /** NATS subject matching: {@code *} one token, {@code >} the rest (one token at least). */
  private static boolean matches(String pattern, String subject) {
    String[] p = pattern.split("\\.", -1);
    String[] s = subject.split("\\.", -1);
    for (int i = 0; i < p.length; i++) {
      if (p[i].equals(">")) {
        return s.length > i;
      }
      if (i >= s.length || !(p[i].equals("*") || p[i].equals(s[i]))) {
        return false;
      }
    }
    return p.length == s.length;
  }
}
