package io.rollwave.operator.reconcile;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.FailurePolicy;
import io.rollwave.api.deployment.RollingUpdate;
import io.rollwave.api.deployment.RolloutStep;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.rollout.RolloutWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a deployment's rollout workflow its target revision by signal-with-start: starts the
 * workflow {@code rollout/<namespace>/<name>} when none runs, signals the internal {@link
 * RolloutWorkflow#TARGET_SIGNAL} either way.
 */
public final class RolloutStarter {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutStarter.class);
  static final String WORKFLOW_TYPE = "RolloutWorkflow";

  private final WorkflowClient client;
  private final String taskQueue;

  public RolloutStarter(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  public String workflowIdOf(String namespace, String deployment) {
    return RolloutInput.workflowId(namespace, deployment);
  }

  /** {@code stored}: the revisions with a stored ControllerRevision, what undo may return to. */
  public void signalWithStart(DeviceProcessDeployment dpd, String revision, List<String> stored) {
    RolloutInput input = inputOf(dpd, revision).withStoredRevisions(stored);
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            WORKFLOW_TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(input.workflowId())
                .setTaskQueue(taskQueue)
                .setStaticSummary(staticSummary(input))
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    stub.signalWithStart(RolloutWorkflow.TARGET_SIGNAL, new Object[] {input}, new Object[] {input});
    LOG.info(
        "dpd {}/{} rev {}: rollout workflow {} signalled",
        input.namespace(),
        input.deployment(),
        revision,
        input.workflowId());
  }

  /**
   * Tells a running rollout the deployment's current spec (say a {@code spec.paused} change)
   * without starting one: a finished rollout of this revision has nothing left to do.
   */
  public void signalIfRunning(DeviceProcessDeployment dpd, String revision, List<String> stored) {
    RolloutInput input = inputOf(dpd, revision).withStoredRevisions(stored);
    try {
      client
          .newUntypedWorkflowStub(input.workflowId())
          .signal(RolloutWorkflow.TARGET_SIGNAL, input);
      LOG.info(
          "dpd {}/{} rev {}: rollout told the spec changed (paused {})",
          input.namespace(),
          input.deployment(),
          revision,
          input.held());
    } catch (WorkflowNotFoundException e) {
      LOG.debug(
          "dpd {}/{} rev {}: no rollout running to tell",
          input.namespace(),
          input.deployment(),
          revision);
    }
  }

  /**
   * The run's static summary in the Temporal UI's list and header: which deployment, to which
   * revision and version. Runs that continue as new cannot carry one; their current details say the
   * same.
   */
  static String staticSummary(RolloutInput input) {
    return "Roll out "
        + input.namespace()
        + "/"
        + input.deployment()
        + " to "
        + input.versionOrRevision()
        + " (revision "
        + input.revision()
        + ")";
  }

  /** The version people know the template by: the artifact's version, else the URL's last part. */
  static String versionOf(Artifact artifact) {
    if (artifact == null) {
      return null;
    }
    if (artifact.version() != null && !artifact.version().isBlank()) {
      return artifact.version();
    }
    String url = artifact.url() == null ? "" : artifact.url();
    String last = url.substring(url.lastIndexOf('/') + 1);
    if (artifact.type() == ArtifactType.OCI) {
      int at = last.indexOf('@');
      int colon = last.lastIndexOf(':');
      return at >= 0 ? last.substring(at + 1) : colon >= 0 ? last.substring(colon + 1) : "latest";
    }
    int query = last.indexOf('?');
    return query >= 0 ? last.substring(0, query) : last;
  }

  public static RolloutInput inputOf(DeviceProcessDeployment dpd, String revision) {
    RollingUpdate rolling =
        dpd.getSpec().updateStrategy() == null
            ? null
            : dpd.getSpec().updateStrategy().rollingUpdate();
    FailurePolicy failure = dpd.getSpec().failurePolicy();
    return new RolloutInput(
        dpd.getMetadata().getNamespace(),
        dpd.getMetadata().getName(),
        revision,
        rolling == null ? null : text(rolling.maxUnavailable()),
        rolling == null ? null : rolling.partitionBy(),
        rolling == null ? null : text(rolling.maxUnavailablePerPartition()),
        Boolean.TRUE.equals(dpd.getSpec().paused()),
        failure == null ? null : text(failure.maxFailures()),
        failure == null || failure.action() == null ? null : failure.action().name(),
        dpd.getSpec().progressDeadlineSeconds(),
        dpd.getSpec().minReadySeconds(),
        dpd.getStatus() == null ? null : dpd.getStatus().currentRevision(),
        rolling == null || rolling.steps() == null
            ? null
            : rolling.steps().stream().map(RolloutStarter::step).toList(),
        dpd.getSpec().updateStrategy() == null || dpd.getSpec().updateStrategy().type() == null
            ? null
            : dpd.getSpec().updateStrategy().type().name(),
        dpd.getSpec().template() == null || dpd.getSpec().template().spec() == null
            ? null
            : versionOf(dpd.getSpec().template().spec().artifact()),
        null);
  }

  private static CanaryStep step(RolloutStep step) {
    if (step.pause() == null) {
      return CanaryStep.batch(text(step.batch()));
    }
    String duration = step.pause().duration();
    return duration == null ? CanaryStep.openPause() : CanaryStep.timedPause(seconds(duration));
  }

  /** {@code 30s}, {@code 10m} or {@code 2h} (the CRD's pattern) in seconds. */
  static int seconds(String duration) {
    int value = Integer.parseInt(duration.substring(0, duration.length() - 1));
    return switch (duration.charAt(duration.length() - 1)) {
      case 's' -> value;
      case 'm' -> value * 60;
      case 'h' -> value * 3600;
      default ->
          throw new IllegalArgumentException(
              "pause duration " + duration + " is not N followed by s, m or h");
    };
  }

  private static String text(IntOrString value) {
    if (value == null) {
      return null;
    }
    return value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
  }
}
