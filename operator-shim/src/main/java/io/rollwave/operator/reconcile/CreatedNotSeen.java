package io.rollwave.operator.reconcile;

import io.rollwave.operator.reconcile.MembershipPlanner.ExistingProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per deployment, the DeviceProcesses this operator created that its cache has not shown yet. A
 * reconcile plans membership from the cache; at 100,000 devices the cache ran minutes behind the
 * creates, and every reconcile in between planned tens of thousands of creates again, each a 409
 * from the API server. Planning counts these as existing until the cache has them, or until {@link
 * #FORGET_AFTER} has passed (one deleted before the cache ever showed it is then created again).
 * Pure apart from its map; time is given, in nanoseconds.
 */
public final class CreatedNotSeen {
  static final Duration FORGET_AFTER = Duration.ofMinutes(10);

  private record Created(ExistingProcess process, long at) {}

  private final Map<String, Map<String, Created>> byDeployment = new ConcurrentHashMap<>();

  /** {@code process} of {@code deployment} was created at {@code now}. */
  public void created(String deployment, ExistingProcess process, long now) {
    byDeployment
        .computeIfAbsent(deployment, d -> new ConcurrentHashMap<>())
        .put(process.name(), new Created(process, now));
  }

  /**
   * {@code cached} and the processes created since that it lacks; forgets those it has and those
   * created more than {@link #FORGET_AFTER} before {@code now}.
   */
  public List<ExistingProcess> withUnseen(
      String deployment, List<ExistingProcess> cached, long now) {
    Map<String, Created> unseen = byDeployment.get(deployment);
    if (unseen == null || unseen.isEmpty()) {
      return cached;
    }
    Set<String> names = new HashSet<>();
    cached.forEach(p -> names.add(p.name()));
    unseen
        .values()
        .removeIf(c -> names.contains(c.process().name()) || now - c.at() > FORGET_AFTER.toNanos());
    List<ExistingProcess> all = new ArrayList<>(cached);
    unseen.values().forEach(c -> all.add(c.process()));
    return all;
  }
}
