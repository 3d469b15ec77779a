package io.rollwave.operator.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.rollwave.activities.DeploymentProcesses;
import io.rollwave.activities.LeanItemStore;
import io.rollwave.activities.ParallelRequests;
import io.rollwave.api.Labels;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.DeviceProcessDeploymentSpec;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a DeviceProcessDeployment: one DeviceProcess per matching inventory device (created at
 * the newest revision, deleted when the device stops matching), the template stored as a
 * ControllerRevision, the rollout workflow told the target revision, and the seed's status counts.
 * Which revision an existing DeviceProcess runs is the workflow's business, never this class's.
 */
public final class DeploymentReconciler implements Reconciler<DeviceProcessDeployment> {
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentReconciler.class);

  private final KubernetesClient client;
  private final List<GroupVersionKind> inventoryKinds;
  private final RolloutStarter rollouts;
  private final FleetEventSource processes;
  private final FleetTally tally;
  private final MembershipChanges membershipChanges;
  private final SettledMemberships settled = new SettledMemberships();
  private final CreatedNotSeen createdNotSeen = new CreatedNotSeen();

  /** When each deployment's status was last written (nanoTime), for {@link StatusPacing}. */
  private final Map<String, Long> statusWrittenAt = new ConcurrentHashMap<>();

  /** When each deployment's fleet was last counted (nanoTime) and the rollout status it saw. */
  private final Map<String, Counted> counted = new ConcurrentHashMap<>();

  private record Counted(long at, RolloutStatus rollout) {}

  private final ParallelRequests creates =
      new ParallelRequests("dp-create", ParallelRequests.DEFAULT_PARALLELISM);

  public DeploymentReconciler(
      KubernetesClient client,
      List<GroupVersionKind> inventoryKinds,
      RolloutStarter rollouts,
      FleetEventSource processes,
      FleetTally tally,
      MembershipChanges membershipChanges) {
    this.client = client;
    this.processes = processes;
    this.tally = tally;
    this.membershipChanges = membershipChanges;
    this.inventoryKinds = List.copyOf(inventoryKinds);
    this.rollouts = rollouts;
  }

  @Override
  public List<EventSource<?, DeviceProcessDeployment>> prepareEventSources(
      EventSourceContext<DeviceProcessDeployment> context) {
    List<EventSource<?, DeviceProcessDeployment>> sources = new ArrayList<>();
    sources.add(processes);
    for (GroupVersionKind kind : inventoryKinds) {
      sources.add(
          new InventoryEventSource(
              InformerEventSourceConfiguration.from(kind, DeviceProcessDeployment.class)
                  .withName(kind.getKind())
                  .withItemStore(new LeanItemStore<>())
                  .withInformerListLimit(DeploymentProcesses.LIST_CHUNK)
                  .withSecondaryToPrimaryMapper(
                      device ->
                          context
                              .getPrimaryCache()
                              .list(device.getMetadata().getNamespace())
                              .map(ResourceID::fromResource)
                              .collect(Collectors.toSet()))
                  .build(),
              context,
              membershipChanges));
    }
    return sources;
  }

  @Override
  public UpdateControl<DeviceProcessDeployment> reconcile(
      DeviceProcessDeployment dpd, Context<DeviceProcessDeployment> context) {
    String ns = dpd.getMetadata().getNamespace();
    String name = dpd.getMetadata().getName();
    DeviceProcessDeploymentSpec spec = dpd.getSpec();
    String revision = RevisionHasher.hash(spec.template());
    String key = ns + "/" + name;

    // read before the caches: a membership change from here on shows as a newer version
    long membershipVersion = membershipChanges.current();
    OptionalInt settledDevices = settled.devices(key, membershipVersion, spec.selector());
    MembershipPlan plan;
    int matching;
    if (settledDevices.isPresent()) {
      plan = new MembershipPlan(Map.of(), List.of());
      matching = settledDevices.getAsInt();
    } else {
      // a copy of the deployment's part of the cache: only when membership may have changed
      List<InventoryDevice> devices = matchingDevices(dpd, context);
      plan =
          MembershipPlanner.plan(
              name,
              devices,
              createdNotSeen.withUnseen(key, existing(processes.of(ns, name)), System.nanoTime()));
      matching = devices.size();
      settled.computed(key, membershipVersion, spec.selector(), matching, plan);
    }

    DeviceProcessDeploymentStatus previous = dpd.getStatus();
    boolean newRevision = previous == null || !revision.equals(previous.updateRevision());
    if (newRevision) {
      storeRevision(dpd, revision);
    }
    if (!plan.create().isEmpty()) {
      AtomicInteger existed = new AtomicInteger();
      creates.forEach(
          List.copyOf(plan.create().entrySet()),
          create -> {
            if (!createProcess(dpd, create.getKey(), create.getValue(), revision)) {
              existed.incrementAndGet();
            }
            createdNotSeen.created(
                key,
                new MembershipPlanner.ExistingProcess(
                    create.getKey(), create.getValue().kind(), create.getValue().name()),
                System.nanoTime());
          },
          Integer.MAX_VALUE,
          n -> {});
      LOG.info(
          "dpd {}/{} rev {}: created {} DeviceProcesses for newly matching devices{}",
          ns,
          name,
          revision,
          plan.create().size() - existed.get(),
          existed.get() == 0
              ? ""
              : " (" + existed.get() + " more already existed: the cache had not shown them yet)");
    }
    for (String delete : plan.delete()) {
      client.resources(DeviceProcess.class).inNamespace(ns).withName(delete).delete();
      LOG.info("dpd {}/{}: deleted {}: its device no longer matches", ns, name, delete);
    }
    String workflowId = rollouts.workflowIdOf(ns, name);
    if (newRevision) {
      rollouts.signalWithStart(dpd, revision);
    } else if (!Objects.equals(previous.observedGeneration(), dpd.getMetadata().getGeneration())) {
      rollouts.signalIfRunning(dpd, revision);
    }

    Counted last = counted.get(key);
    boolean countsOnlyNews =
        !newRevision
            && last != null
            && Objects.equals(previous.observedGeneration(), dpd.getMetadata().getGeneration())
            && Objects.equals(last.rollout(), previous.rollout());
    Duration recount =
        StatusPacing.recountIn(matching, last == null ? null : last.at(), System.nanoTime());
    if (countsOnlyNews && !recount.isZero()) {
      return UpdateControl.<DeviceProcessDeployment>noUpdate().rescheduleAfter(recount);
    }
    counted.put(key, new Counted(System.nanoTime(), previous == null ? null : previous.rollout()));

    int minReadySeconds = spec.minReadySeconds() == null ? 0 : spec.minReadySeconds();
    Instant now = Instant.now();
    DeviceProcessDeploymentStatus status =
        DeploymentStatusCalculator.calculate(
            dpd.getMetadata().getGeneration(),
            Boolean.TRUE.equals(spec.paused()),
            matching,
            views(tally.of(ns, name), plan, revision, minReadySeconds, now),
            revision,
            workflowId,
            previous,
            now.toString());
    // a device ready but still baking turns available by time alone: look again then
    boolean baking = !Objects.equals(status.numberReady(), status.numberAvailable());
    DeviceProcessDeploymentStatus written = DeploymentStatusCalculator.operatorPart(previous);
    if (Objects.equals(status, written)) {
      UpdateControl<DeviceProcessDeployment> none = UpdateControl.noUpdate();
      return baking ? none.rescheduleAfter(Duration.ofSeconds(1)) : none;
    }
    Duration hold =
        StatusPacing.holdBack(written, status, statusWrittenAt.get(key), System.nanoTime());
    if (!hold.isZero()) {
      return UpdateControl.<DeviceProcessDeployment>noUpdate().rescheduleAfter(hold);
    }
    statusWrittenAt.put(key, System.nanoTime());
    DeviceProcessDeployment patch = new DeviceProcessDeployment();
    patch.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    patch.setStatus(status);
    UpdateControl<DeviceProcessDeployment> update = UpdateControl.patchStatus(patch);
    return baking ? update.rescheduleAfter(Duration.ofSeconds(1)) : update;
  }

  private static List<MembershipPlanner.ExistingProcess> existing(List<DeviceProcess> processes) {
    return processes.stream()
        .map(
            dp ->
                new MembershipPlanner.ExistingProcess(
                    dp.getMetadata().getName(),
                    dp.getSpec().deviceRef().kind(),
                    dp.getSpec().deviceRef().name()))
        .toList();
  }

  private List<InventoryDevice> matchingDevices(
      DeviceProcessDeployment dpd, Context<DeviceProcessDeployment> context) {
    String ns = dpd.getMetadata().getNamespace();
    List<InventoryDevice> devices = new ArrayList<>();
    for (GroupVersionKind kind : inventoryKinds) {
      var source =
          context
              .eventSourceRetriever()
              .getEventSourceFor(GenericKubernetesResource.class, kind.getKind());
      ((InformerEventSource<GenericKubernetesResource, DeviceProcessDeployment>) source)
          .list(ns)
          .filter(
              d -> SelectorMatcher.matches(dpd.getSpec().selector(), d.getMetadata().getLabels()))
          .forEach(
              d ->
                  devices.add(
                      new InventoryDevice(
                          kind.getKind(),
                          ns,
                          d.getMetadata().getName(),
                          d.getMetadata().getLabels())));
    }
    return devices;
  }

  private static List<ProcessView> views(
      List<TalliedDevice> devices,
      MembershipPlan plan,
      String revision,
      int minReadySeconds,
      Instant now) {
    Set<String> deleted = Set.copyOf(plan.delete());
    List<ProcessView> views = new ArrayList<>(devices.size() + plan.create().size());
    for (TalliedDevice device : devices) {
      if (!deleted.contains(device.name())) {
        views.add(device.view(minReadySeconds, now));
      }
    }
    plan.create().keySet().forEach(n -> views.add(new ProcessView(n, revision, false)));
    return views;
  }

  private void storeRevision(DeviceProcessDeployment dpd, String revision) {
    String ns = dpd.getMetadata().getNamespace();
    String name = Labels.controllerRevisionName(dpd.getMetadata().getName(), revision);
    if (client.apps().controllerRevisions().inNamespace(ns).withName(name).get() != null) {
      return;
    }
    List<ControllerRevision> stored = storedRevisions(dpd);
    long number = stored.stream().mapToLong(ControllerRevision::getRevision).max().orElse(0) + 1;
    ControllerRevision cr =
        new ControllerRevisionBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withLabels(
                Map.of(Labels.DEPLOYMENT, dpd.getMetadata().getName(), Labels.REVISION, revision))
            .withOwnerReferences(owner(dpd))
            .endMetadata()
            .withRevision(number)
            .withData(
                client
                    .getKubernetesSerialization()
                    .convertValue(dpd.getSpec().template(), Map.class))
            .build();
    ControllerRevision created = client.resource(cr).create();
    LOG.info(
        "dpd {}/{} rev {}: stored template as ControllerRevision {} (revision {})",
        ns,
        dpd.getMetadata().getName(),
        revision,
        name,
        number);
    List<ControllerRevision> all = new ArrayList<>(stored);
    all.add(created);
    pruneRevisions(dpd, revision, all);
  }

  private List<ControllerRevision> storedRevisions(DeviceProcessDeployment dpd) {
    return client
        .apps()
        .controllerRevisions()
        .inNamespace(dpd.getMetadata().getNamespace())
        .withLabel(Labels.DEPLOYMENT, dpd.getMetadata().getName())
        .list()
        .getItems();
  }

  /** Keeps {@code spec.revisionHistoryLimit} revisions besides the new and the current one. */
  private void pruneRevisions(
      DeviceProcessDeployment dpd, String revision, List<ControllerRevision> stored) {
    String ns = dpd.getMetadata().getNamespace();
    int limit =
        dpd.getSpec().revisionHistoryLimit() == null ? 10 : dpd.getSpec().revisionHistoryLimit();
    Set<String> keep = new HashSet<>();
    keep.add(revision);
    if (dpd.getStatus() != null && dpd.getStatus().currentRevision() != null) {
      keep.add(dpd.getStatus().currentRevision());
    }
    List<RevisionHistory.Stored> history =
        stored.stream()
            .map(
                cr ->
                    new RevisionHistory.Stored(
                        cr.getMetadata().getName(),
                        cr.getRevision(),
                        cr.getMetadata().getLabels().getOrDefault(Labels.REVISION, "")))
            .toList();
    for (String old : RevisionHistory.prunable(history, limit, keep)) {
      client.apps().controllerRevisions().inNamespace(ns).withName(old).delete();
      LOG.info(
          "dpd {}/{} rev {}: deleted ControllerRevision {} (revisionHistoryLimit {})",
          ns,
          dpd.getMetadata().getName(),
          revision,
          old,
          limit);
    }
  }

  /** Creates the DP; false when it already existed. */
  private boolean createProcess(
      DeviceProcessDeployment dpd, String dpName, InventoryDevice device, String revision) {
    Map<String, String> labels = new HashMap<>(device.labels());
    labels.put(Labels.APP, dpd.getMetadata().getName());
    labels.put(Labels.DEPLOYMENT, dpd.getMetadata().getName());
    labels.put(Labels.REVISION, revision);
    if (dpd.getSpec().template().metadata() != null
        && dpd.getSpec().template().metadata().labels() != null) {
      labels.putAll(dpd.getSpec().template().metadata().labels());
    }
    DeviceProcess dp = new DeviceProcess();
    dp.setMetadata(
        new ObjectMetaBuilder()
            .withName(dpName)
            .withNamespace(dpd.getMetadata().getNamespace())
            .withLabels(labels)
            .withOwnerReferences(owner(dpd))
            .build());
    dp.setSpec(
        DeviceProcessSpec.of(
            new DeviceRef(device.kind(), device.name(), null), dpd.getSpec().template().spec()));
    try {
      client.resource(dp).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // created by an earlier reconcile whose result this one's cache had not seen yet
      return false;
    }
    LOG.debug(
        "dpd {}/{} rev {}: created {} for {} {}",
        dpd.getMetadata().getNamespace(),
        dpd.getMetadata().getName(),
        revision,
        dpName,
        device.kind(),
        device.name());
    return true;
  }

  private static io.fabric8.kubernetes.api.model.OwnerReference owner(DeviceProcessDeployment dpd) {
    return new OwnerReferenceBuilder()
        .withApiVersion(dpd.getApiVersion())
        .withKind(dpd.getKind())
        .withName(dpd.getMetadata().getName())
        .withUid(dpd.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
