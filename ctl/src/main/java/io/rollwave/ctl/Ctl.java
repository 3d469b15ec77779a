package io.rollwave.ctl;

import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.deployment.RolloutStatus;
import io.rollwave.api.rollout.ControlOutcome;
import io.rollwave.api.rollout.RolloutProgress;
import io.rollwave.rollout.plan.DeviceState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs one parsed command against the cluster and Temporal; returns the exit code. */
public final class Ctl {
  private final Cluster cluster;
  private final Supplier<TemporalRollouts> temporal;
  private final PrintStream out;
  private final Duration pollEvery;
  private TemporalRollouts connected;

  /** {@code temporal} is called at most once, when a verb first needs Temporal. */
  public Ctl(
      Cluster cluster, Supplier<TemporalRollouts> temporal, PrintStream out, Duration pollEvery) {
    this.cluster = cluster;
    this.temporal = temporal;
    this.out = out;
    this.pollEvery = pollEvery;
  }

  /** Runs {@code cmd}; a failure is said on {@code err} as "error: ...", with exit code 1. */
  public int run(CtlCommand cmd, PrintStream err) throws InterruptedException {
    try {
      return run(cmd);
    } catch (CtlFailure e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  int run(CtlCommand cmd) throws InterruptedException {
    String ns = cmd.kube().namespace().orElseGet(cluster::namespace);
    String name = cmd.name();
    if (cmd.verb() == Verb.PLAN) {
      out.print(cluster.plan(ns, name).orElseThrow(() -> unknown(ns, name)));
      return 0;
    }
    DeviceProcessDeployment dpd = deployment(ns, name);
    return switch (cmd.verb()) {
      case STATUS -> status(cmd, ns, name);
      case GET -> get(cmd, ns, name);
      case HISTORY -> history(dpd);
      default -> control(cmd, dpd);
    };
  }

  private int status(CtlCommand cmd, String ns, String name) throws InterruptedException {
    long deadline = deadline(cmd);
    String last = "";
    while (true) {
      StatusVerdict verdict = StatusVerdict.of(view(ns, name, false));
      if (!verdict.line().equals(last)) {
        out.println(verdict.line());
        last = verdict.line();
      }
      if (verdict.done() || !cmd.watch()) {
        return verdict.exitCode();
      }
      if (System.nanoTime() > deadline) {
        out.println(
            "error: timed out waiting for dpd \""
                + name
                + "\" after "
                + cmd.timeout().map(Ctl::text).orElse("")
                + "");
        return 1;
      }
      Thread.sleep(pollEvery.toMillis());
    }
  }

  private int get(CtlCommand cmd, String ns, String name) throws InterruptedException {
    long deadline = deadline(cmd);
    String last = "";
    while (true) {
      String text = ViewRenderer.render(view(ns, name, true));
      if (!text.equals(last)) {
        out.print(last.isEmpty() ? text : "\n" + text);
        last = text;
      }
      if (!cmd.watch() || System.nanoTime() > deadline) {
        return 0;
      }
      Thread.sleep(pollEvery.toMillis());
    }
  }

  private int history(DeviceProcessDeployment dpd) {
    String ns = dpd.getMetadata().getNamespace();
    String name = dpd.getMetadata().getName();
    out.print(
        HistoryRenderer.render(
            ns + "/" + name,
            cluster.revisions(ns, name),
            Optional.ofNullable(dpd.getStatus()).map(s -> s.currentRevision()),
            Optional.ofNullable(dpd.getStatus()).map(s -> s.updateRevision())));
    return 0;
  }

  private int control(CtlCommand cmd, DeviceProcessDeployment dpd) {
    String ns = dpd.getMetadata().getNamespace();
    String name = dpd.getMetadata().getName();
    Optional<String> revision = Optional.empty();
    if (cmd.toRevision().isPresent()) {
      long number = cmd.toRevision().getAsLong();
      revision = Optional.of(storedRevision(cluster.revisions(ns, name), ns, name, number).hash());
    }
    ControlCall call =
        ControlCall.of(cmd.verb(), cluster.whoami(), cmd.reason(), cmd.full(), revision);
    ControlOutcome outcome;
    try {
      outcome = temporal().control(workflowId(dpd), call);
    } catch (RolloutEnded e) {
      if (cmd.verb() != Verb.UNDO) {
        throw new CtlFailure(
            "dpd " + ns + "/" + name + ": " + cmd.verb().word() + " refused: " + e.getMessage(), e);
      }
      return restore(cmd, dpd);
    } catch (ControlRefused e) {
      throw new CtlFailure(
          "dpd " + ns + "/" + name + ": " + cmd.verb().word() + " refused: " + e.getMessage(), e);
    }
    out.printf(
        "dpd %s/%s: %s accepted (%s -> %s)%s%n",
        ns,
        name,
        outcome.action() == null ? cmd.verb().word() : outcome.action(),
        outcome.phaseBefore(),
        outcome.phaseAfter(),
        outcome.message() == null || outcome.message().isBlank() ? "" : ": " + outcome.message());
    return 0;
  }

  private static StoredRevision storedRevision(
      List<StoredRevision> stored, String ns, String name, long number) {
    return stored.stream()
        .filter(r -> r.number() == number)
        .findFirst()
        .orElseThrow(
            () ->
                new CtlFailure(
                    "dpd "
                        + ns
                        + "/"
                        + name
                        + " has no revision "
                        + number
                        + "; `kubectl rollwave history "
                        + name
                        + " -n "
                        + ns
                        + "` lists the stored ones"));
  }

  /**
   * Undo with no rollout in progress: the template of the named revision (else the one stored
   * before the current) goes back into the deployment, and the operator rolls it out.
   */
  private int restore(CtlCommand cmd, DeviceProcessDeployment dpd) {
    String ns = dpd.getMetadata().getNamespace();
    String name = dpd.getMetadata().getName();
    List<StoredRevision> stored = cluster.revisions(ns, name);
    String current = dpd.getStatus() == null ? null : dpd.getStatus().updateRevision();
    long currentNumber =
        stored.stream()
            .filter(r -> r.hash().equals(current))
            .mapToLong(StoredRevision::number)
            .findFirst()
            .orElse(Long.MAX_VALUE);
    StoredRevision target =
        cmd.toRevision().isPresent()
            ? storedRevision(stored, ns, name, cmd.toRevision().getAsLong())
            : stored.stream()
                .filter(r -> r.number() < currentNumber)
                .max(java.util.Comparator.comparingLong(StoredRevision::number))
                .orElseThrow(
                    () ->
                        new CtlFailure(
                            "dpd "
                                + ns
                                + "/"
                                + name
                                + ": undo refused: no revision before the current one is stored"));
    if (target.hash().equals(current)) {
      throw new CtlFailure(
          "dpd "
              + ns
              + "/"
              + name
              + ": undo refused: revision "
              + target.number()
              + " ("
              + target.hash()
              + ") is the current one");
    }
    String by = cluster.whoami();
    cluster.restoreTemplate(
        ns,
        name,
        target.number(),
        "rollwave undo to revision "
            + target.number()
            + " by "
            + by
            + cmd.reason().map(r -> ": " + r).orElse(""));
    out.printf(
        "dpd %s/%s: undo accepted (template restored to revision %d, %s%s); the operator rolls it"
            + " out: kubectl rollwave status %s -n %s%n",
        ns,
        name,
        target.number(),
        target.hash(),
        target.version() == null || target.version().isBlank() ? "" : ", " + target.version(),
        name,
        ns);
    return 0;
  }

  private RolloutView view(String ns, String name, boolean withDevices) {
    DeviceProcessDeployment dpd = deployment(ns, name);
    Optional<RolloutProgress> progress;
    Optional<String> note = Optional.empty();
    try {
      progress = temporal().progress(workflowId(dpd));
      if (progress.isEmpty()) {
        note = Optional.of("no rollout workflow yet; counts are the DPD's status");
      }
    } catch (CtlFailure e) {
      progress = Optional.empty();
      note = Optional.of(e.getMessage() + "; counts are the DPD's status");
    }
    String partitionBy =
        Optional.ofNullable(dpd.getSpec().updateStrategy())
            .map(u -> u.rollingUpdate())
            .map(r -> r.partitionBy())
            .orElse(null);
    List<DeviceState> devices =
        withDevices && partitionBy != null ? cluster.devices(ns, name, partitionBy) : List.of();
    return RolloutViews.of(dpd, progress, cluster.revisions(ns, name), devices, note);
  }

  private TemporalRollouts temporal() {
    if (connected == null) {
      connected = temporal.get();
    }
    return connected;
  }

  private DeviceProcessDeployment deployment(String ns, String name) {
    return cluster.deployment(ns, name).orElseThrow(() -> unknown(ns, name));
  }

  /** The workflow's id from the DPD's status, else the one the operator gives it. */
  static String workflowId(DeviceProcessDeployment dpd) {
    return Optional.ofNullable(dpd.getStatus())
        .map(s -> s.rollout())
        .map(RolloutStatus::workflowId)
        .filter(id -> !id.isBlank())
        .orElse("rollout/" + dpd.getMetadata().getNamespace() + "/" + dpd.getMetadata().getName());
  }

  private static CtlFailure unknown(String ns, String name) {
    return new CtlFailure("no deviceprocessdeployment " + name + " in namespace " + ns);
  }

  private static long deadline(CtlCommand cmd) {
    return cmd.timeout().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
  }

  private static String text(Duration d) {
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
