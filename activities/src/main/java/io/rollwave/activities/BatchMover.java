package io.rollwave.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.rollwave.api.Labels;
import io.rollwave.api.deployment.DeviceProcessTemplate;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.FailedDevice;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.rollout.plan.CanarySteps;
import io.rollwave.rollout.plan.DeviceState;
import io.rollwave.rollout.plan.FleetCounter;
import io.rollwave.rollout.plan.IntOrPercent;
import io.rollwave.rollout.plan.PlanPreview;
import io.rollwave.rollout.plan.WindowLimits;
import io.rollwave.rollout.plan.WindowPlanner;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of a rollout against the API server: observe the deployment's DeviceProcesses, plan
 * with {@link WindowPlanner}, set the chosen ones to the revision's template. Idempotent: devices
 * already set to the revision are never chosen again, so a retry after a partial batch re-plans
 * with those devices counted in the window.
 */
public final class BatchMover {
  private static final Logger LOG = LoggerFactory.getLogger(BatchMover.class);
  static final int HEARTBEAT_EVERY = 50;

  private final KubernetesClient client;
  private final DeploymentProcesses source;
  private final ParallelRequests requests =
      new ParallelRequests("batch-mover", ParallelRequests.DEFAULT_PARALLELISM);

  /**
   * DeviceProcesses this mover set to a revision that its reads have not shown yet ({@code
   * namespace/name} to revision): a cached read that lags is corrected with them, so the window
   * never counts a device just patched as still available at its old revision.
   */
  private final Map<String, String> unseenPatches = new ConcurrentHashMap<>();

  /** Reads each batch's fleet with a LIST request. */
  public BatchMover(KubernetesClient client) {
    this(client, DeploymentProcesses.listed(client));
  }

  public BatchMover(KubernetesClient client, DeploymentProcesses source) {
    this.client = client;
    this.source = source;
  }

  /** Moves the next batch; {@code heartbeat} receives the count patched so far. */
  public BatchResult move(RolloutInput input, IntConsumer heartbeat) {
    return move(input, null, heartbeat);
  }

  /**
   * Moves the next batch, never past {@code upTo} devices at the revision (a canary step's batch, N
   * or P% of the fleet; null for no bound).
   */
  public BatchResult move(RolloutInput input, String upTo, IntConsumer heartbeat) {
    long started = System.nanoTime();
    DeviceProcessTemplate template = template(input);
    List<DeviceProcess> processes = source.of(input.namespace(), input.deployment());
    long read = System.nanoTime();
    List<DeviceState> fleet = new ArrayList<>(processes.size());
    List<FailedDevice> failed = new ArrayList<>();
    Instant now = Instant.now();
    for (DeviceProcess dp : processes) {
      DeviceState state =
          withUnseenPatch(
              dp,
              DeviceAvailability.stateOf(
                  dp, input.partitionBy(), input.bakeSeconds(), input.deadlineSeconds(), now));
      fleet.add(state);
      if (state.failed() && state.revision().equals(input.revision())) {
        failed.add(
            new FailedDevice(
                state.name(), DeviceAvailability.failureReason(dp, input.deadlineSeconds())));
      }
    }
    WindowLimits limits = limits(input, fleet);
    List<String> chosen =
        WindowPlanner.next(fleet, input.revision(), limits, cap(input, upTo, fleet.size()));

    Map<String, DeviceProcess> byName = new HashMap<>();
    processes.forEach(dp -> byName.put(dp.getMetadata().getName(), dp));
    String setAt = now.toString();
    requests.forEach(
        chosen,
        name -> setRevision(input, byName.get(name), template, setAt),
        HEARTBEAT_EVERY,
        heartbeat);
    if (!chosen.isEmpty()) {
      LOG.info(
          "dpd {}/{} rev {}: set {} devices to the revision (window {}; read {} DPs in {} ms,"
              + " patched in {} ms)",
          input.namespace(),
          input.deployment(),
          input.revision(),
          chosen.size(),
          limits.maxUnavailable(),
          processes.size(),
          (read - started) / 1_000_000,
          (System.nanoTime() - read) / 1_000_000);
    }
    failed.sort(Comparator.comparing(FailedDevice::name));
    return new BatchResult(
        chosen.size(),
        limits.maxUnavailable(),
        counts(fleet, Set.copyOf(chosen), input.revision()),
        List.copyOf(failed.subList(0, Math.min(failed.size(), BatchResult.FAILED_DEVICES_LISTED))));
  }

  /** {@code state}, or the device as just set to a revision its read does not show yet. */
  private DeviceState withUnseenPatch(DeviceProcess dp, DeviceState state) {
    String key = dp.getMetadata().getNamespace() + "/" + dp.getMetadata().getName();
    String patched = unseenPatches.get(key);
    if (patched == null) {
      return state;
    }
    if (patched.equals(state.revision())) {
      unseenPatches.remove(key, patched);
      return state;
    }
    return new DeviceState(state.name(), state.partition(), patched, false);
  }

  private static int cap(RolloutInput input, String upTo, int fleetSize) {
    if (upTo == null) {
      return Integer.MAX_VALUE;
    }
    try {
      return CanarySteps.cap(CanaryStep.batch(upTo), fleetSize);
    } catch (IllegalArgumentException e) {
      throw invalidPolicy(input, "invalid canary step batch", e);
    }
  }

  /** The batches a rollout would take from the fleet as it is now; reads only. */
  public PlanSummary preview(RolloutInput input) {
    List<DeviceState> fleet =
        source.of(input.namespace(), input.deployment()).stream()
            .map(dp -> DeviceAvailability.stateOf(dp, input.partitionBy()))
            .sorted(Comparator.comparing(DeviceState::name))
            .toList();
    WindowLimits limits = limits(input, fleet);
    int atRevision =
        (int) fleet.stream().filter(d -> d.revision().equals(input.revision())).count();
    return PlanSummary.of(
        input.revision(),
        fleet.size(),
        atRevision,
        limits.maxUnavailable(),
        PlanPreview.batches(fleet, input.revision(), limits));
  }

  private DeviceProcessTemplate template(RolloutInput input) {
    String name = Labels.controllerRevisionName(input.deployment(), input.revision());
    ControllerRevision revision =
        client.apps().controllerRevisions().inNamespace(input.namespace()).withName(name).get();
    if (revision == null || revision.getData() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "ControllerRevision "
              + input.namespace()
              + "/"
              + name
              + " not found: the operator stores"
              + " each template revision before starting its rollout; re-apply the"
              + " DeviceProcessDeployment so it is written again",
          "RevisionNotFound");
    }
    return client
        .getKubernetesSerialization()
        .convertValue(revision.getData(), DeviceProcessTemplate.class);
  }

  /**
   * One JSON merge patch, no read first: the revision label, when it was set, and the template's
   * spec on the DP's own device, with the fields the old spec had and the new one lacks removed. A
   * DP deleted meanwhile is skipped (its device left the selector).
   */
  private void setRevision(
      RolloutInput input, DeviceProcess dp, DeviceProcessTemplate template, String setAt) {
    var json = client.getKubernetesSerialization();
    DeviceProcessSpec spec = DeviceProcessSpec.of(dp.getSpec().deviceRef(), template.spec());
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    ObjectNode metadata = patch.putObject("metadata");
    metadata.putObject("labels").put(Labels.REVISION, input.revision());
    metadata.putObject("annotations").put(Labels.REVISION_SET_AT, setAt);
    patch.set(
        "spec",
        MergePatches.replacing(
            json.convertValue(dp.getSpec(), JsonNode.class),
            json.convertValue(spec, JsonNode.class)));
    try {
      // patched through the object read, not by name: by name, fabric8 GETs it first
      client.resource(dp).patch(PatchContext.of(PatchType.JSON_MERGE), json.asJson(patch));
      unseenPatches.put(input.namespace() + "/" + dp.getMetadata().getName(), input.revision());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      LOG.info(
          "dpd {}/{} rev {}: {} was deleted before its patch, skipped",
          input.namespace(),
          input.deployment(),
          input.revision(),
          dp.getMetadata().getName());
    }
  }

  /**
   * The window of {@code input}'s policy for this fleet (the whole fleet for Recreate), or a
   * non-retryable failure saying why not.
   */
  public static WindowLimits limits(RolloutInput input, List<DeviceState> fleet) {
    Map<String, Integer> partitionSizes = new HashMap<>();
    fleet.forEach(d -> partitionSizes.merge(d.partition(), 1, Integer::sum));
    try {
      if (input.recreate()) {
        return WindowLimits.resolve(IntOrPercent.percent(100), fleet.size(), null, 0);
      }
      IntOrPercent window =
          IntOrPercent.parse(input.maxUnavailable() == null ? "1" : input.maxUnavailable());
      IntOrPercent perPartition =
          input.maxUnavailablePerPartition() == null
              ? null
              : IntOrPercent.parse(input.maxUnavailablePerPartition());
      int largest = partitionSizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      return WindowLimits.resolve(window, fleet.size(), perPartition, largest);
    } catch (IllegalArgumentException e) {
      throw invalidPolicy(input, "invalid window", e);
    }
  }

  /** The fleet as it is once the chosen devices are set to the revision (and so unavailable). */
  private static FleetCounts counts(List<DeviceState> fleet, Set<String> moved, String revision) {
    List<DeviceState> after =
        fleet.stream()
            .map(
                d ->
                    moved.contains(d.name())
                        ? new DeviceState(d.name(), d.partition(), revision, false)
                        : d)
            .toList();
    return FleetCounter.count(after, revision);
  }

  private static ApplicationFailure invalidPolicy(
      RolloutInput input, String what, IllegalArgumentException e) {
    return ApplicationFailure.newNonRetryableFailure(
        "dpd "
            + input.namespace()
            + "/"
            + input.deployment()
            + ": "
            + what
            + ": "
            + e.getMessage()
            + "; fix the DeviceProcessDeployment's rollout policy and signal retry",
        "InvalidPolicy");
  }
}
