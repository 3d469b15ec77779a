package io.rollwave.agent;

import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agent knows of one DeviceProcess, turned into the seed's status. A condition's
 * lastTransitionTime changes only when its status flips. Pure but for the clock it is given.
 */
final class ProcessStatus {
  static final String ARTIFACT_DOWNLOADED = "ArtifactDownloaded";
  static final String PROCESS_STARTED = "ProcessStarted";
  static final String HEALTHY = "Healthy";

  private final Clock clock;
  private final Map<String, Condition> conditions = new LinkedHashMap<>();
  private ProcessPhase phase = ProcessPhase.Pending;
  private String artifactVersion;
  private Long pid;
  private String startTime;
  private int restartCount;
  private String lastTerminationReason;
  private String revision;
  private long generation;

  ProcessStatus(Clock clock) {
    this.clock = clock;
  }

  /** A new desired revision: version and generation change, restart count starts again. */
  void target(String revision, long generation, String artifactVersion) {
    this.revision = revision;
    this.generation = generation;
    this.artifactVersion = artifactVersion;
    this.restartCount = 0;
  }

  /** What is reported for a desired entry that cannot be read: Failed, saying what to do. */
  static DeviceProcessStatus unreadableDesiredState(Clock clock, String error) {
    ProcessStatus s = new ProcessStatus(clock);
    s.phase(ProcessPhase.Failed);
    s.condition(
        PROCESS_STARTED,
        false,
        "DesiredStateUnreadable",
        "the desired entry in NATS is not a readable DeviceProcess ("
            + error.lines().findFirst().orElse("")
            + "); republish it from the operator");
    return s.toStatus();
  }

  void phase(ProcessPhase phase) {
    this.phase = phase;
  }

  void condition(String type, boolean status, String reason, String message) {
    ConditionStatus s = status ? ConditionStatus.TRUE : ConditionStatus.FALSE;
    setCondition(type, s, reason, message);
  }

  void conditionUnknown(String type, String reason, String message) {
    setCondition(type, ConditionStatus.UNKNOWN, reason, message);
  }

  private void setCondition(String type, ConditionStatus s, String reason, String message) {
    Condition old = conditions.get(type);
    String since =
        old != null && old.status() == s ? old.lastTransitionTime() : clock.instant().toString();
    conditions.put(type, new Condition(type, s, reason, message, since, null));
  }

  void started(long pid) {
    this.pid = pid;
    this.startTime = clock.instant().toString();
  }

  /** A process a previous agent started: its pid, start time and restarts carry over. */
  void adopted(long pid, String startTime, int restartCount) {
    this.pid = pid;
    this.startTime = startTime;
    this.restartCount = restartCount;
  }

  /**
   * The process of this revision ended while no agent watched it: the saved restart count carries
   * over, plus one when it is restarted now.
   */
  void endedUnobserved(int savedRestartCount, boolean restarting, String terminationReason) {
    this.restartCount = savedRestartCount + (restarting ? 1 : 0);
    stopped(terminationReason);
  }

  void stopped(String terminationReason) {
    this.pid = null;
    this.lastTerminationReason = terminationReason;
  }

  void restarted() {
    restartCount++;
  }

  DeviceProcessStatus toStatus() {
    List<Condition> ordered = new ArrayList<>();
    for (String type : List.of(ARTIFACT_DOWNLOADED, PROCESS_STARTED, HEALTHY)) {
      if (conditions.containsKey(type)) {
        ordered.add(conditions.get(type));
      }
    }
    return new DeviceProcessStatus(
        phase,
        List.copyOf(ordered),
        artifactVersion,
        pid,
        startTime,
        restartCount,
        lastTerminationReason,
        revision,
        generation);
  }

  long generation() {
    return generation;
  }
}
