package io.rollwave.ctl;

import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RollingUpdate;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.deployment.RolloutStatus;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RolloutProgress;
import io.rollwave.rollout.plan.DeviceState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Builds a {@link RolloutView} from what the cluster and the workflow say. Pure. */
public final class RolloutViews {
  private RolloutViews() {}

  public static RolloutView of(
      DeviceProcessDeployment dpd,
      Optional<RolloutProgress> progress,
      List<StoredRevision> revisions,
      List<DeviceState> devices,
      Optional<String> note) {
    DeviceProcessDeploymentStatus status = dpd.getStatus();
    Optional<RolloutStatus> rollout = Optional.ofNullable(status).map(s -> s.rollout());
    Optional<String> updateHash =
        Optional.ofNullable(status)
            .map(DeviceProcessDeploymentStatus::updateRevision)
            .or(() -> progress.map(RolloutProgress::revision))
            .filter(h -> !h.isBlank());
    Optional<String> stableHash =
        Optional.ofNullable(status)
            .map(DeviceProcessDeploymentStatus::currentRevision)
            .filter(h -> !h.isBlank());
    String phase =
        progress
            .map(RolloutProgress::phase)
            .or(() -> rollout.map(RolloutStatus::phase).map(RolloutPhase::name))
            .orElse("Unknown");
    Optional<String> partitionBy = rollingUpdate(dpd).map(RollingUpdate::partitionBy);
    return new RolloutView(
        dpd.getMetadata().getNamespace(),
        dpd.getMetadata().getName(),
        phase,
        progress.map(RolloutProgress::pausedBy).filter(p -> !p.isBlank()),
        rollout.map(RolloutViews::message).filter(m -> !m.isBlank()),
        stableHash.map(h -> revision(h, revisions)),
        updateHash.map(h -> revision(h, revisions)),
        progress
            .map(RolloutProgress::step)
            .orElseGet(() -> rollout.map(RolloutStatus::step).orElse(0)),
        rollingUpdate(dpd).map(RollingUpdate::steps).map(List::size).orElse(0),
        progress.map(p -> OptionalInt.of(p.window())).orElse(OptionalInt.empty()),
        progress.map(p -> OptionalInt.of(p.batches())).orElse(OptionalInt.empty()),
        progress.map(p -> OptionalInt.of(p.devicesMoved())).orElse(OptionalInt.empty()),
        progress.map(p -> counts(p.fleet())).orElseGet(() -> counts(status)),
        partitionBy,
        partitionBy.isPresent() ? PartitionCount.of(devices, updateHash.orElse("")) : List.of(),
        progress.map(RolloutProgress::failed).filter(Objects::nonNull).orElse(List.of()),
        progress.map(RolloutProgress::rollingBackFrom).filter(r -> !r.isBlank()),
        observed(dpd, progress, updateHash),
        note);
  }

  /**
   * The operator has seen the latest spec, and a Complete workflow is at that spec's revision (a
   * rollout just applied must not read as the last one's completion).
   */
  private static boolean observed(
      DeviceProcessDeployment dpd, Optional<RolloutProgress> progress, Optional<String> update) {
    Long generation = dpd.getMetadata().getGeneration();
    Long seen = dpd.getStatus() == null ? null : dpd.getStatus().observedGeneration();
    if (generation != null && (seen == null || seen < generation)) {
      return false;
    }
    return progress
        .filter(p -> RolloutPhase.Complete.name().equals(p.phase()))
        .filter(p -> p.rollingBackFrom() == null || p.rollingBackFrom().isBlank())
        .filter(p -> p.revision() != null && !p.revision().isBlank() && update.isPresent())
        .map(p -> p.revision().equals(update.get()))
        .orElse(true);
  }

  private static Optional<RollingUpdate> rollingUpdate(DeviceProcessDeployment dpd) {
    return Optional.ofNullable(dpd.getSpec().updateStrategy()).map(u -> u.rollingUpdate());
  }

  private static String message(RolloutStatus rollout) {
    String reason = rollout.reason() == null ? "" : rollout.reason();
    String message = rollout.message() == null ? "" : rollout.message();
    return reason.isBlank() ? message : message.isBlank() ? reason : reason + ": " + message;
  }

  private static RolloutView.Revision revision(String hash, List<StoredRevision> revisions) {
    Optional<StoredRevision> stored =
        revisions.stream().filter(r -> r.hash().equals(hash)).findFirst();
    return new RolloutView.Revision(
        hash,
        stored.map(r -> OptionalLong.of(r.number())).orElse(OptionalLong.empty()),
        stored.map(StoredRevision::version).filter(v -> !v.isBlank()));
  }

  private static RolloutView.Counts counts(FleetCounts f) {
    FleetCounts fleet = f == null ? FleetCounts.EMPTY : f;
    return new RolloutView.Counts(
        fleet.total(),
        fleet.updated(),
        OptionalInt.of(fleet.updatedAvailable()),
        OptionalInt.empty(),
        fleet.unavailable(),
        OptionalInt.of(fleet.failed()));
  }

  private static RolloutView.Counts counts(DeviceProcessDeploymentStatus s) {
    if (s == null) {
      return new RolloutView.Counts(
          0, 0, OptionalInt.empty(), OptionalInt.empty(), 0, OptionalInt.empty());
    }
    return new RolloutView.Counts(
        orZero(s.desiredNumberScheduled()),
        orZero(s.updatedNumberScheduled()),
        OptionalInt.empty(),
        OptionalInt.of(orZero(s.numberAvailable())),
        orZero(s.numberUnavailable()),
        OptionalInt.empty());
  }

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }
}
