package io.rollwave.agent.state;

/**
 * What the agent must remember of one running DeviceProcess to adopt it after a restart: which spec
 * it runs (revision, generation, spec digest), where its verified artifact is, and which OS process
 * it is (pid with its OS start time as an ISO instant, so a reused pid is not mistaken for it), and
 * the artifact of the version it replaced ("" if none), which the cache keeps for a fast rollback.
 */
public record ProcessRecord(
    String deviceProcess,
    String backend,
    String revision,
    long generation,
    String specDigest,
    String artifactPath,
    long pid,
    String processStartedAt,
    String startTime,
    int restartCount,
    String previousArtifactPath) {
  public ProcessRecord {
    previousArtifactPath = previousArtifactPath == null ? "" : previousArtifactPath;
  }
}
