package io.rollwave.operator.bridge;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.nats.client.KeyValue;
import io.rollwave.activities.DeviceAvailability;
import io.rollwave.activities.TolerantReading;
import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.NatsJson;
import io.rollwave.api.nats.ProcessId;
import io.rollwave.api.nats.PullSecret;
import io.rollwave.api.process.DeviceProcess;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeviceProcess spec to NATS KV {@code desired}: one entry per DeviceProcess under its device's key
 * and its own namespace and name, written when the spec's generation or revision changes, or the
 * pull secret its artifact names, deleted with the DeviceProcess. A DeviceProcess its {@link
 * DeviceReach} refuses gets no entry (any it had is deleted), one log line and a mark.
 */
public final class DesiredStatePublisher implements ResourceEventHandler<DeviceProcess> {
  private static final Logger LOG = LoggerFactory.getLogger(DesiredStatePublisher.class);

  /** Where a refused DeviceProcess is marked for its user to see. */
  public interface Refusals {
    void refused(DeviceProcess dp, String message);
  }

  private final KeyValue desired;
  private final PullSecrets pullSecrets;
  private final DeviceReach reach;
  private final Refusals refusals;
  private final Runnable onPublished;
  private final Map<String, String> published = new ConcurrentHashMap<>();

  /** The DeviceProcesses refused and marked, as namespace/name: each is logged once. */
  private final Set<String> refused = ConcurrentHashMap.newKeySet();

  /** {@code onPublished} hears of each desired state put. */
  public DesiredStatePublisher(
      KeyValue desired,
      PullSecrets pullSecrets,
      DeviceReach reach,
      Refusals refusals,
      Runnable onPublished) {
    this.desired = desired;
    this.pullSecrets = pullSecrets;
    this.reach = reach;
    this.refusals = refusals;
    this.onPublished = onPublished;
  }

  /** The device a DeviceProcess runs on, as NATS keys name it. */
  static DeviceKey deviceOf(DeviceProcess dp) {
    return DeviceKey.of(dp.getSpec().deviceRef(), dp.getMetadata().getNamespace());
  }

  static String keyOf(DeviceProcess dp) {
    return deviceOf(dp)
        .processKey(new ProcessId(dp.getMetadata().getNamespace(), dp.getMetadata().getName()));
  }

  @Override
  public void onAdd(DeviceProcess dp) {
    publish(dp);
  }

  @Override
  public void onUpdate(DeviceProcess old, DeviceProcess dp) {
    publish(dp);
  }

  @Override
  public void onDelete(DeviceProcess dp, boolean deletedFinalStateUnknown) {
    if (TolerantReading.problemOf(dp).isPresent()) {
      return; // its key is unknown: the next sweep of orphans removes what it had
    }
    String key = keyOf(dp);
    refused.remove(dp.getMetadata().getNamespace() + "/" + dp.getMetadata().getName());
    try {
      desired.delete(key);
      published.remove(key);
      LOG.info(
          "dp {}/{}: desired state removed",
          dp.getMetadata().getNamespace(),
          dp.getMetadata().getName());
    } catch (Exception e) {
      LOG.warn(
          "dp {}/{}: cannot remove desired state {}: {}",
          dp.getMetadata().getNamespace(),
          dp.getMetadata().getName(),
          key,
          e.toString());
    }
  }

  /**
   * Secret {@code namespace/name} was created, changed or deleted: publishes again the desired
   * state of every DeviceProcess in {@code processes} whose artifact names it.
   */
  public void secretChanged(String namespace, String name, Collection<DeviceProcess> processes) {
    for (DeviceProcess dp : processes) {
      if (TolerantReading.problemOf(dp).isPresent()) {
        continue;
      }
      LocalObjectReference ref = dp.getSpec().artifact().pullSecretRef();
      if (namespace.equals(dp.getMetadata().getNamespace())
          && ref != null
          && name.equals(ref.getName())) {
        publish(dp);
      }
    }
  }

  private synchronized void publish(DeviceProcess dp) {
    Optional<String> unreadable = TolerantReading.problemOf(dp);
    if (unreadable.isPresent()) {
      LOG.warn(
          "dp {}/{}: not published, its spec cannot be read ({}); its deployment replaces it,"
              + " or fix or delete it",
          dp.getMetadata().getNamespace(),
          dp.getMetadata().getName(),
          unreadable.get());
      return;
    }
    String key = keyOf(dp);
    String namespace = dp.getMetadata().getNamespace();
    Optional<String> refusal = reach.refusal(dp);
    if (refusal.isPresent()) {
      refuse(dp, key, refusal.get());
      return;
    }
    if (refused.remove(namespace + "/" + dp.getMetadata().getName())) {
      LOG.info(
          "dp {}/{}: its device may be reached now, publishing",
          namespace,
          dp.getMetadata().getName());
    }
    String revision = DeviceAvailability.revisionOf(dp);
    long generation =
        dp.getMetadata().getGeneration() == null ? 0 : dp.getMetadata().getGeneration();
    LocalObjectReference pullSecretRef = dp.getSpec().artifact().pullSecretRef();
    String version =
        generation + "/" + revision + "/" + pullSecrets.versionOf(namespace, pullSecretRef);
    if (version.equals(published.get(key))) {
      return;
    }
    PullSecret pullSecret = pullSecrets.resolve(namespace, pullSecretRef);
    if (pullSecret != null && pullSecret.problem() != null) {
      LOG.warn(
          "dp {}/{} rev {}: {}",
          namespace,
          dp.getMetadata().getName(),
          revision,
          pullSecret.problem());
    }
    DesiredProcess value =
        new DesiredProcess(
            namespace, dp.getMetadata().getName(), revision, generation, dp.getSpec(), pullSecret);
    try {
      desired.put(key, NatsJson.write(value));
      published.put(key, version);
      onPublished.run();
      LOG.debug(
          "dp {}/{} rev {}: desired state published (generation {})",
          dp.getMetadata().getNamespace(),
          dp.getMetadata().getName(),
          revision,
          generation);
    } catch (Exception e) {
      LOG.warn(
          "dp {}/{} rev {}: cannot publish desired state, will retry on the next resync: {}",
          dp.getMetadata().getNamespace(),
          dp.getMetadata().getName(),
          revision,
          e.toString());
    }
  }

  /** Withdraws what {@code dp} had published, then logs and marks it, once. */
  private void refuse(DeviceProcess dp, String key, String message) {
    String ns = dp.getMetadata().getNamespace();
    String name = dp.getMetadata().getName();
    if (published.remove(key) != null) {
      try {
        desired.delete(key);
      } catch (Exception e) {
        LOG.warn("dp {}/{}: cannot remove desired state {}: {}", ns, name, key, e.toString());
      }
    }
    if (refused.add(ns + "/" + name)) {
      LOG.warn("dp {}/{}: desired state not published: {}", ns, name, message);
      refusals.refused(dp, message);
    }
  }

  /**
   * Deletes desired entries whose DeviceProcess no longer exists (removed while we were away) or is
   * refused. An operator that watches one namespace sweeps only the keys of that namespace's
   * DeviceProcesses: the others belong to other operators.
   */
  public void removeOrphans(List<DeviceProcess> existing, Optional<String> namespace) {
    Set<String> keep = new HashSet<>();
    existing.stream()
        .filter(dp -> TolerantReading.problemOf(dp).isEmpty() && reach.refusal(dp).isEmpty())
        .forEach(dp -> keep.add(keyOf(dp)));
    try {
      for (String key : desired.keys()) {
        if (sweeps(key, namespace) && !keep.contains(key)) {
          desired.delete(key);
          LOG.info("desired state {} removed: no DeviceProcess has it any more", key);
        }
      }
    } catch (Exception e) {
      LOG.warn("cannot sweep orphaned desired state: {}", e.toString());
    }
  }

  /**
   * Whether the operator of {@code namespace} (every namespace when empty) sweeps {@code key}: one
   * of a DeviceProcess in its namespace, or one from before keys named that namespace (then the
   * device's namespace says whose it was).
   */
  static boolean sweeps(String key, Optional<String> namespace) {
    if (namespace.isEmpty()) {
      return true;
    }
    return DeviceKey.processOf(key)
        .map(process -> process.namespace().equals(namespace.get()))
        .orElse(key.startsWith(DeviceKey.namespacePrefix(namespace.get())));
  }
}
