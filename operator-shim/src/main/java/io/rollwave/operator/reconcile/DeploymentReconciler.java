package io.rollwave.operator.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.rollwave.activities.DeploymentEvents;
import io.rollwave.activities.DeploymentProcesses;
import io.rollwave.activities.LeanItemStore;
import io.rollwave.activities.TolerantReading;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.DeviceProcessDeploymentSpec;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.rollout.fleet.DevicePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  private final UnreadableDeployments unreadableDeployments;
  private final RevisionStore revisions;
  private final MembershipWriter writer;

  public DeploymentReconciler(
      KubernetesClient client,
      List<GroupVersionKind> inventoryKinds,
      RolloutStarter rollouts,
      FleetEventSource processes,
      FleetTally tally,
      MembershipChanges membershipChanges) {
    this.processes = processes;
    this.tally = tally;
    this.membershipChanges = membershipChanges;
    this.inventoryKinds = List.copyOf(inventoryKinds);
    this.rollouts = rollouts;
    this.unreadableDeployments = new UnreadableDeployments(new DeploymentEvents(client));
    this.revisions = new RevisionStore(client);
    this.writer = new MembershipWriter(client);
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
    Optional<String> unreadable = TolerantReading.problemOf(dpd);
    if (unreadable.isPresent()) {
      unreadableDeployments.report(dpd, unreadable.get());
      return UpdateControl.noUpdate();
    }
    DeviceProcessDeploymentSpec spec = dpd.getSpec();
    String revision = RevisionHasher.hash(spec.template());
    String key = ns + "/" + name;

    DeviceProcessDeploymentStatus previous = dpd.getStatus();
    boolean newRevision = previous == null || !revision.equals(previous.updateRevision());
    List<String> stored = newRevision ? revisions.store(dpd, revision) : null;
    Membership membership = membership(dpd, context, revision);
    String workflowId = rollouts.workflowIdOf(ns, name);
    if (newRevision) {
      rollouts.signalWithStart(dpd, revision, stored);
    } else if (!Objects.equals(previous.observedGeneration(), dpd.getMetadata().getGeneration())) {
      rollouts.signalIfRunning(dpd, revision, revisions.storedRevisions(dpd));
    }

    Counted last = counted.get(key);
    boolean countsOnlyNews =
        !newRevision
            && last != null
            && membership.conflicts().isEmpty()
            && Objects.equals(previous.observedGeneration(), dpd.getMetadata().getGeneration())
            && Objects.equals(last.rollout(), previous.rollout());
    Duration recount =
        StatusPacing.recountIn(
            membership.devices(), last == null ? null : last.at(), System.nanoTime());
    if (countsOnlyNews && !recount.isZero()) {
      return UpdateControl.<DeviceProcessDeployment>noUpdate().rescheduleAfter(recount);
    }
    counted.put(key, new Counted(System.nanoTime(), previous == null ? null : previous.rollout()));

    DevicePolicy policy = DevicePolicy.of(spec.minReadySeconds(), spec.progressDeadlineSeconds());
    Instant now = Instant.now();
    DeviceProcessDeploymentStatus status =
        DeploymentStatusCalculator.calculate(
            dpd.getMetadata().getGeneration(),
            Boolean.TRUE.equals(spec.paused()),
            membership.devices(),
            CountedFleet.views(membership.members(), tally.byName(ns, name), policy, now),
            membership.conflicts(),
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

  /** {@code devices} matching devices; {@code members} the DPs they have; who has none and why. */
  private record Membership(int devices, Set<String> members, List<String> conflicts) {}

  /**
   * The deployment's membership now. Planned and carried out only when the inventory or the DPs may
   * have changed since it was last complete.
   */
  private Membership membership(
      DeviceProcessDeployment dpd, Context<DeviceProcessDeployment> context, String revision) {
    String ns = dpd.getMetadata().getNamespace();
    String name = dpd.getMetadata().getName();
    String key = ns + "/" + name;
    // read before the caches: a membership change from here on shows as a newer version
    long version = membershipChanges.current();
    Optional<SettledMemberships.Settled> known = settled.of(key, version, dpd.getSpec().selector());
    if (known.isPresent()) {
      return new Membership(known.get().devices(), known.get().members(), List.of());
    }
    // a copy of the deployment's part of the cache: only when membership may have changed
    List<InventoryDevice> devices = matchingDevices(dpd, context);
    MembershipPlan plan =
        MembershipPlanner.plan(
            name,
            devices,
            createdNotSeen.withUnseen(key, existing(processes.of(ns, name)), System.nanoTime()),
            dpName ->
                processes
                    .named(ns, dpName)
                    .map(dp -> !DeploymentProcesses.deploymentOf(dp).contains(key))
                    .orElse(false));
    MembershipWriter.Outcome outcome =
        writer.execute(
            dpd,
            plan,
            revision,
            dpName -> {
              InventoryDevice device = plan.create().get(dpName);
              createdNotSeen.created(
                  key,
                  new MembershipPlanner.ExistingProcess(dpName, device.kind(), device.name()),
                  System.nanoTime());
            });
    settled.computed(key, version, dpd.getSpec().selector(), devices.size(), plan);
    Set<String> members = new HashSet<>(plan.members());
    members.removeAll(outcome.notCreated());
    return new Membership(devices.size(), members, outcome.conflicts());
  }

  /** The DPs as the planner sees them; one the model cannot read names no device, so it goes. */
  private static List<MembershipPlanner.ExistingProcess> existing(List<DeviceProcess> processes) {
    return processes.stream()
        .map(
            dp ->
                TolerantReading.problemOf(dp).isPresent()
                    ? new MembershipPlanner.ExistingProcess(dp.getMetadata().getName(), "", "")
                    : new MembershipPlanner.ExistingProcess(
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
}
