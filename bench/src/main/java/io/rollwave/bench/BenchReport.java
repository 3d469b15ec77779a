package io.rollwave.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The figures of one {@code rollwave bench rollout}, printed as one JSON line. Times in seconds,
 * latencies in milliseconds, memory in MiB; "writes" are kube-apiserver write requests to
 * DeviceProcesses during the v1 to v2 rollout; "other writes" those to every other resource
 * meanwhile (deployment status, events; also the benchmark's own apply of v2). The servers'
 * resident memory is taken once, at the end of the rollout, with every device's NetworkSwitch and
 * DeviceProcess still stored. The rollout's CPU seconds are each process's own, from v2 applied to
 * v2 complete.
 */
@JsonPropertyOrder(alphabetic = false)
public record BenchReport(
    int devices,
    int deployments,
    String maxUnavailable,
    double inventoryCreateSeconds,
    double dpCreateSeconds,
    double installSeconds,
    double rolloutSeconds,
    double controlPlaneOverheadSeconds,
    long apiWrites,
    double apiWritesPerDevice,
    Map<String, Long> apiWritesByVerb,
    Map<String, Long> otherWritesByResource,
    long historyEvents,
    int workflowRuns,
    long largestRunEvents,
    long signals,
    Map<String, Long> historyEventsByType,
    long statusLatencyP50Millis,
    long statusLatencyP99Millis,
    int statusLatencySamples,
    long operatorPeakHeapMib,
    long operatorPeakRssMib,
    long apiServerRssMib,
    long etcdRssMib,
    Map<String, Double> rolloutCpuSeconds,
    String finishedAt) {}
