package io.rollwave.rollout.fleet;

import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * What an agent said of its process, reduced to what the fleet model reads: the revision it runs,
 * its phase, its Healthy condition and since when that has been true (null when it is not true or
 * nobody can tell).
 */
public record AgentReport(
    String revision, ProcessPhase phase, ConditionStatus healthy, Instant healthySince) {
  /** Nothing reported (no status yet, or nobody to ask). */
  public static final AgentReport NONE = new AgentReport("", null, null, null);

  public AgentReport {
    revision = revision == null ? "" : revision;
  }

  /** {@code status} reduced; {@link #NONE} for null. */
  public static AgentReport of(DeviceProcessStatus status) {
    if (status == null) {
      return NONE;
    }
    ConditionStatus healthy = null;
    Instant since = null;
    if (status.conditions() != null) {
      for (Condition c : status.conditions()) {
        if (!"Healthy".equals(c.type()) || c.status() == null) {
          continue;
        }
        if (c.status() == ConditionStatus.TRUE) {
          Instant at = parse(c.lastTransitionTime());
          since = at != null && (since == null || at.isBefore(since)) ? at : since;
          healthy = ConditionStatus.TRUE;
        } else if (healthy != ConditionStatus.TRUE) {
          healthy = c.status();
        }
      }
    }
    return new AgentReport(status.revision(), status.phase(), healthy, since);
  }

  /** Running and Healthy=True for {@code revision}. */
  public boolean readyAt(String revision) {
    return phase == ProcessPhase.Running
        && healthy == ConditionStatus.TRUE
        && Objects.equals(this.revision, revision);
  }

  /** Phase Failed or Healthy=False for {@code revision}. */
  public boolean failedAt(String revision) {
    return Objects.equals(this.revision, revision)
        && (phase == ProcessPhase.Failed || healthy == ConditionStatus.FALSE);
  }

  /** An RFC 3339 time, or null when absent or unreadable (then nobody can tell how long). */
  public static Instant parse(String time) {
    try {
      return time == null ? null : Instant.parse(time);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
