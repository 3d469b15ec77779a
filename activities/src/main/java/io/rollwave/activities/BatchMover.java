package io.rollwave.activities;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
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
  private final JsonPatches patches;
  private final DeploymentProcesses source;
  private final AgentReports reports;
  private final PatchAdmission admission;
  private final ParallelRequests requests =
      new ParallelRequests("batch-mover", ParallelRequests.DEFAULT_PARALLELISM);

  /**
   * Per {@code namespace/deployment}, the DeviceProcesses this mover set to a revision that its
   * reads have not shown yet: a cached read that still shows the object as it was before the patch
   * (same resourceVersion) is corrected with them, so the window never counts a device just patched
   * as still available at its old revision.
   */
  private final Map<String, Map<String, UnseenPatch>> unseenPatches = new ConcurrentHashMap<>();

  /**
   * Templates read, by {@code namespace/ControllerRevision}: a revision's name is its template's
   * hash, so what it holds never changes, and a rollout reads it once instead of every batch.
   */
  private final Map<String, DeviceProcessTemplate> templates = new ConcurrentHashMap<>();

  static final int TEMPLATES_KEPT = 1_024;

  /** A patch to {@code revision} of the object read at {@code readVersion}. */
  record UnseenPatch(String revision, String readVersion) {}

  /** Reads each batch's fleet with a LIST request. */
  public BatchMover(KubernetesClient client) {
    this(client, DeploymentProcesses.listed(client));
  }

  public BatchMover(KubernetesClient client, DeploymentProcesses source) {
    this(client, source, AgentReports.NONE, PatchAdmission.ALWAYS);
  }

  /**
   * Reads each batch's fleet from {@code source}, asks {@code reports} about devices that look past
   * their progress deadline before counting them failed, and sends each patch only when {@code
   * admission} lets it.
   */
  public BatchMover(
      KubernetesClient client,
      DeploymentProcesses source,
      AgentReports reports,
      PatchAdmission admission) {
    this.client = client;
    this.patches = new JsonPatches(client);
    this.source = source;
    this.reports = reports;
    this.admission = admission;
  }

  /**
   * Moves the next batch; {@code heartbeat} receives the count patched so far, or read so far while
   * a fleet that looks complete is read again from the API server.
   */
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
    if (looksComplete(processes, input.revision())
        && !confirmedComplete(input, processes.size(), heartbeat)) {
      // a cache that lags (say, has not yet seen a new deployment's DPs) must not end a rollout
      processes =
          DeploymentProcesses.listed(client, heartbeat).of(input.namespace(), input.deployment());
    }
    long read = System.nanoTime();
    Map<String, UnseenPatch> unseen =
        unseenPatches.computeIfAbsent(
            input.namespace() + "/" + input.deployment(), k -> new ConcurrentHashMap<>());
    forgetVanished(unseen, processes);
    List<DeviceState> fleet = new ArrayList<>(processes.size());
    List<FailedDevice> failed = new ArrayList<>();
    Instant now = Instant.now();
    Set<String> asked = new HashSet<>();
    AgentReports asking =
        dp -> {
          asked.add(dp.getMetadata().getName());
          return reports.newest(dp);
        };
    int spared = 0;
    for (DeviceProcess dp : processes) {
      DeviceState observed =
          DeviceAvailability.stateOf(
              dp, input.partitionBy(), input.bakeSeconds(), input.deadlineSeconds(), now, asking);
      if (!observed.failed() && asked.contains(observed.name())) {
        spared++;
      }
      DeviceState state = withUnseenPatch(unseen, dp, observed);
      fleet.add(state);
      if (state.failed() && state.revision().equals(input.revision())) {
        failed.add(
            new FailedDevice(
                state.name(), DeviceAvailability.failureReason(dp, input.deadlineSeconds())));
      }
    }
    if (spared > 0) {
      LOG.info(
          "dpd {}/{} rev {}: {} of {} devices past the progress deadline ({} s) in the API server"
              + " are ready by their agents' own reports, not written there yet; not counted as"
              + " failed",
          input.namespace(),
          input.deployment(),
          input.revision(),
          spared,
          asked.size(),
          input.deadlineSeconds());
    }
    WindowLimits limits = limits(input, fleet);
    List<String> chosen =
        WindowPlanner.next(fleet, input.revision(), limits, cap(input, upTo, fleet.size()));

    Map<String, DeviceProcess> byName = new HashMap<>();
    processes.forEach(dp -> byName.put(dp.getMetadata().getName(), dp));
    String setAt = now.toString();
    LongAdder held = new LongAdder();
    requests.forEach(
        chosen,
        name -> {
          held.add(admission.awaitRoom());
          setRevision(input, byName.get(name), template, setAt, unseen);
        },
        HEARTBEAT_EVERY,
        heartbeat);
    if (!chosen.isEmpty()) {
      LOG.info(
          "dpd {}/{} rev {}: set {} devices to the revision (window {}; read {} DPs in {} ms,"
              + " patched in {} ms, patches held {} ms in all while status writes were behind)",
          input.namespace(),
          input.deployment(),
          input.revision(),
          chosen.size(),
          limits.maxUnavailable(),
          processes.size(),
          (read - started) / 1_000_000,
          (System.nanoTime() - read) / 1_000_000,
          held.sum() / 1_000_000);
    }
    failed.sort(Comparator.comparing(FailedDevice::name));
    return new BatchResult(
        chosen.size(),
        limits.maxUnavailable(),
        counts(fleet, Set.copyOf(chosen), input.revision()),
        List.copyOf(failed.subList(0, Math.min(failed.size(), BatchResult.FAILED_DEVICES_LISTED))));
  }

  /** {@code state}, or the device as just set to a revision its read does not show yet. */
  private static DeviceState withUnseenPatch(
      Map<String, UnseenPatch> unseen, DeviceProcess dp, DeviceState state) {
    UnseenPatch patch = unseen.get(dp.getMetadata().getName());
    if (patch == null) {
      return state;
    }
    if (!patch.readVersion().equals(dp.getMetadata().getResourceVersion())) {
      unseen.remove(dp.getMetadata().getName(), patch); // the read has moved past the patch
      return state;
    }
    return new DeviceState(state.name(), state.partition(), patch.revision(), false);
  }

  /**
   * Whether the API server, read a page at a time, agrees with a cache that looks complete: exactly
   * {@code devices} DPs, each set to the revision and available. Only a count is kept: a second
   * copy of a 100,000-device fleet beside the cache filled a 1.2 GB heap and the operator spent its
   * time in full GCs until the activity's heartbeat timed out.
   */
  private boolean confirmedComplete(RolloutInput input, int devices, IntConsumer heartbeat) {
    int[] read = {0};
    boolean[] complete = {true};
    DeploymentProcesses.forEachPage(
        client,
        input.namespace(),
        input.deployment(),
        page -> {
          read[0] += page.size();
          complete[0] = complete[0] && looksComplete(page, input.revision());
        },
        heartbeat);
    return complete[0] && read[0] == devices;
  }

  /** No devices, or every one at {@code revision} and available: what ends a rollout. */
  private static boolean looksComplete(List<DeviceProcess> processes, String revision) {
    return processes.stream()
        .allMatch(
            dp ->
                revision.equals(DeviceAvailability.revisionOf(dp))
                    && DeviceAvailability.available(dp));
  }

  private static void forgetVanished(Map<String, UnseenPatch> unseen, List<DeviceProcess> read) {
    if (!unseen.isEmpty()) {
      Set<String> names = new HashSet<>();
      read.forEach(dp -> names.add(dp.getMetadata().getName()));
      unseen.keySet().retainAll(names);
    }
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
    String key = input.namespace() + "/" + name;
    DeviceProcessTemplate known = templates.get(key);
    if (known != null) {
      return known;
    }
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
    DeviceProcessTemplate template =
        client
            .getKubernetesSerialization()
            .convertValue(revision.getData(), DeviceProcessTemplate.class);
    if (templates.size() >= TEMPLATES_KEPT) {
      templates.clear();
    }
    templates.put(key, template);
    return template;
  }

  /**
   * One JSON patch, no read first: the template's whole spec on the DP's own device, the revision
   * label and when it was set. The spec is replaced, never merged, so a stale read cannot leave an
   * old field behind. When the read shows no annotations the patch adds the whole map and first
   * tests the resourceVersion read, so it never overwrites annotations added meanwhile; if that
   * test (or any other part) is refused as invalid, the DP is read again and patched once more. A
   * DP deleted meanwhile is skipped (its device left the selector).
   */
  private void setRevision(
      RolloutInput input,
      DeviceProcess dp,
      DeviceProcessTemplate template,
      String setAt,
      Map<String, UnseenPatch> unseen) {
    DeviceProcess target = dp;
    try {
      try {
        patch(target, template, input.revision(), setAt);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 422) {
          throw e;
        }
        target = client.resource(dp).get();
        if (target == null) {
          throw new KubernetesClientException("deleted", 404, null);
        }
        patch(target, template, input.revision(), setAt);
      }
      unseen.put(
          dp.getMetadata().getName(),
          new UnseenPatch(input.revision(), target.getMetadata().getResourceVersion()));
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

  private void patch(
      DeviceProcess dp, DeviceProcessTemplate template, String revision, String setAt) {
    var json = client.getKubernetesSerialization();
    DeviceProcessSpec spec = DeviceProcessSpec.of(dp.getSpec().deviceRef(), template.spec());
    patches.patch(dp, null, json.asJson(revisionPatch(dp, spec, revision, setAt)));
  }

  /** The JSON patch (RFC 6902) that sets {@code dp} to {@code revision}'s spec; pure. */
  static List<Map<String, Object>> revisionPatch(
      DeviceProcess dp, Object spec, String revision, String setAt) {
    List<Map<String, Object>> ops = new ArrayList<>();
    Map<String, String> annotations = dp.getMetadata().getAnnotations();
    boolean noAnnotations = annotations == null || annotations.isEmpty();
    if (noAnnotations && dp.getMetadata().getResourceVersion() != null) {
      ops.add(
          Map.of(
              "op", "test",
              "path", "/metadata/resourceVersion",
              "value", dp.getMetadata().getResourceVersion()));
    }
    ops.add(Map.of("op", "replace", "path", "/spec", "value", spec));
    ops.add(
        Map.of(
            "op",
            "add",
            "path",
            "/metadata/labels/" + pointer(Labels.REVISION),
            "value",
            revision));
    ops.add(
        noAnnotations
            ? Map.of(
                "op", "add",
                "path", "/metadata/annotations",
                "value", Map.of(Labels.REVISION_SET_AT, setAt))
            : Map.of(
                "op",
                "add",
                "path",
                "/metadata/annotations/" + pointer(Labels.REVISION_SET_AT),
                "value",
                setAt));
    return ops;
  }

  /** A map key as one JSON pointer token (RFC 6901). */
  static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
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
