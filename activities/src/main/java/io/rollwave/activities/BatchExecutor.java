package io.rollwave.activities;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rollwave.api.deployment.DeviceProcessTemplate;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.rollout.RolloutEvent;
import io.rollwave.api.rollout.RolloutInput;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link BatchPlan}: sets each planned DeviceProcess to the revision's template, a
 * patch at a time behind the {@link PatchAdmission}, several at once. Each device whose patch fails
 * gets its own log line and Warning event ({@code PatchFailed}, at most {@link #EVENTS_PER_BATCH})
 * naming it; the batch then fails with the first error (the activity's retry re-plans, and devices
 * already set are never chosen again).
 */
final class BatchExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(BatchExecutor.class);
  static final int HEARTBEAT_EVERY = 50;

  /**
   * Events per batch at most, so a refusal of a whole window stays readable (every one is logged).
   */
  static final int EVENTS_PER_BATCH = 20;

  /** Told of each DP set to the revision, with the resourceVersion it was read at. */
  @FunctionalInterface
  interface Patched {
    void patched(String name, String readVersion);
  }

  private final KubernetesClient client;
  private final JsonPatches patches;
  private final PatchAdmission admission;
  private final Consumer<RolloutEvent> events;
  private final ParallelRequests requests =
      new ParallelRequests("batch-mover", ParallelRequests.DEFAULT_PARALLELISM);

  BatchExecutor(KubernetesClient client, PatchAdmission admission, Consumer<RolloutEvent> events) {
    this.client = client;
    this.patches = new JsonPatches(client);
    this.admission = admission;
    this.events = events;
  }

  /** Patches {@code plan}'s devices; returns the nanoseconds patches were held by the admission. */
  long execute(
      RolloutInput input,
      BatchPlan plan,
      Map<String, DeviceProcess> byName,
      DeviceProcessTemplate template,
      String setAt,
      Patched patched,
      IntConsumer heartbeat) {
    LongAdder held = new LongAdder();
    AtomicInteger evented = new AtomicInteger();
    requests.forEach(
        plan.patch(),
        name -> {
          held.add(admission.awaitRoom());
          try {
            setRevision(input, byName.get(name), template, setAt, patched);
          } catch (RuntimeException e) {
            LOG.warn(
                "dpd {}/{} rev {}: cannot set {} to the revision: {}",
                input.namespace(),
                input.deployment(),
                input.revision(),
                name,
                e.toString());
            if (evented.getAndIncrement() < EVENTS_PER_BATCH) {
              events.accept(
                  new RolloutEvent(
                      input.namespace(),
                      input.deployment(),
                      RolloutEvent.WARNING,
                      "PatchFailed",
                      "cannot set "
                          + name
                          + " to revision "
                          + input.revision()
                          + ": "
                          + e.getMessage()
                          + "; the batch is retried"));
            }
            throw e;
          }
        },
        HEARTBEAT_EVERY,
        heartbeat);
    return held.sum();
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
      Patched patched) {
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
      patched.patched(dp.getMetadata().getName(), target.getMetadata().getResourceVersion());
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
    patches.patch(dp, null, json.asJson(RevisionPatch.of(dp, spec, revision, setAt)));
  }
}
