package io.rollwave.operator.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeadershipTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicInteger exits = new AtomicInteger();
  private final List<String> events = new ArrayList<>();
  private final Leadership leadership =
      new Leadership(registry, "lease ops/rollwave-operator replica a", exits::incrementAndGet);

  private double gauge() {
    return registry.get("rollwave.leader").gauge().value();
  }

  private void duties(String... names) {
    for (String name : names) {
      leadership.duty(
          name,
          () -> {
            events.add("start " + name);
            return () -> events.add("stop " + name);
          });
    }
  }

  @Test
  void aStandbyStartsNoDutyAndSaysSoOnItsGauge() {
    duties("status bridge", "fleet signaller");
    leadership.standBy();
    assertThat(events).isEmpty();
    assertThat(gauge()).isZero();
    assertThat(leadership.leading()).isFalse();
  }

  @Test
  void leadingStartsTheDutiesInOrderAndClosingStopsThemInReverse() throws Exception {
    duties("publisher", "signaller", "status bridge");
    leadership.lead();
    assertThat(gauge()).isEqualTo(1.0);
    leadership.close();
    assertThat(events)
        .containsExactly(
            "start publisher",
            "start signaller",
            "start status bridge",
            "stop status bridge",
            "stop signaller",
            "stop publisher");
  }

  @Test
  void aDutyThatFailsStopsTheRestAndFailsLiveness() {
    duties("publisher");
    leadership.duty(
        "status bridge",
        () -> {
          throw new IllegalStateException("cannot watch NATS KV status");
        });
    duties("signaller");
    assertThatThrownBy(leadership::lead)
        .hasMessageContaining("cannot start status bridge as leader: cannot watch NATS KV status");
    assertThat(events).containsExactly("start publisher");
    assertThat(leadership.dutiesStarted()).isFalse();
    assertThat(leadership.failure()).hasValue("status bridge: cannot watch NATS KV status");
  }

  @Test
  void aLeaseLostWhileRunningEndsTheProcess() throws Exception {
    leadership.lead();
    leadership.stoppedLeading();
    assertThat(exits).hasValue(1);
    assertThat(gauge()).isZero();
  }

  @Test
  void aLeaseGivenUpOnStoppingDoesNotEndTheProcess() throws Exception {
    leadership.lead();
    leadership.closing();
    leadership.stoppedLeading();
    assertThat(exits).hasValue(0);
    assertThat(gauge()).isZero();
  }
}
