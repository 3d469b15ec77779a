package io.rollwave.activities;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwave.api.Labels;
import io.rollwave.api.deployment.DeviceProcessTemplate;
import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RolloutEvent;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.rollout.plan.DeviceState;
import io.rollwave.rollout.plan.PlanPreview;
import io.rollwave.rollout.plan.WindowLimits;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of a rollout against the API server, observe → plan → execute: the {@link
 * FleetObserver} reads the deployment's DeviceProcesses as the fleet model decides them, the pure
 * {@link BatchPlanner} decides which to set to the revision, the {@link BatchExecutor} patches
 * them. Idempotent: devices already set to the revision are never chosen again, so a retry after a
 * partial batch re-plans with those devices counted in the window.
 */
public final class BatchMover {
  private static final Logger LOG = LoggerFactory.getLogger(BatchMover.class);

  private final KubernetesClient client;
  private final DeploymentProcesses source;
  private final FleetObserver observer;
  private final BatchExecutor executor;

  /**
   * Templates read, by {@code namespace/ControllerRevision}: a revision's name is its template's
   * hash, so what it holds never changes, and a rollout reads it once instead of every batch.
   */
  private final Map<String, DeviceProcessTemplate> templates = new ConcurrentHashMap<>();

  static final int TEMPLATES_KEPT = 1_024;

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
    this(client, source, reports, admission, event -> {});
  }

  /** As above, recording one Warning event on the deployment per device whose patch failed. */
  public BatchMover(
      KubernetesClient client,
      DeploymentProcesses source,
      AgentReports reports,
      PatchAdmission admission,
      Consumer<RolloutEvent> events) {
    this.client = client;
    this.source = source;
    this.observer = new FleetObserver(client, source, reports);
    this.executor = new BatchExecutor(client, admission, events);
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
    Instant now = Instant.now();
    FleetObserver.ObservedFleet fleet = observer.observe(input, now, heartbeat);
    long read = System.nanoTime();
    logSpared(input, fleet);
    BatchPlan plan =
        BatchPlanner.plan(
            input,
            upTo,
            fleet.devices(),
            name ->
                DeviceAvailability.failureReason(
                    fleet.byName().get(name), input.deadlineSeconds()));
    long held =
        executor.execute(
            input,
            plan,
            fleet.byName(),
            template,
            now.toString(),
            (name, readVersion) -> observer.patched(input, name, readVersion),
            heartbeat);
    if (!plan.patch().isEmpty()) {
      LOG.info(
          "dpd {}/{} rev {}: set {} devices to the revision (window {}; left {}; read {} DPs in {}"
              + " ms, patched in {} ms, patches held {} ms in all while status writes were behind)",
          input.namespace(),
          input.deployment(),
          input.revision(),
          plan.patch().size(),
          plan.limits().maxUnavailable(),
          plan.skipped(),
          fleet.devices().size(),
          (read - started) / 1_000_000,
          (System.nanoTime() - read) / 1_000_000,
          held / 1_000_000);
    }
    return new BatchResult(
        plan.patch().size(), plan.limits().maxUnavailable(), plan.after(), plan.failed());
  }

  private static void logSpared(RolloutInput input, FleetObserver.ObservedFleet fleet) {
    if (fleet.spared() > 0) {
      LOG.info(
          "dpd {}/{} rev {}: {} of {} devices past the progress deadline ({} s) in the API server"
              + " are ready by their agents' own reports, not written there yet; not counted as"
              + " failed",
          input.namespace(),
          input.deployment(),
          input.revision(),
          fleet.spared(),
          fleet.asked(),
          input.deadlineSeconds());
    }
  }

  /** The batches a rollout would take from the fleet as it is now; reads only. */
  public PlanSummary preview(RolloutInput input) {
    List<DeviceState> fleet =
        source.of(input.namespace(), input.deployment()).stream()
            .map(dp -> DeviceAvailability.stateOf(dp, input.partitionBy()))
            .sorted(Comparator.comparing(DeviceState::name))
            .toList();
    WindowLimits limits = BatchPlanner.limits(input, fleet);
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
}
