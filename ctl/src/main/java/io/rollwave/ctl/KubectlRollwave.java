package io.rollwave.ctl;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code kubectl rollwave} (and {@code ./rollwave ctl}): the entry point. */
public final class KubectlRollwave {
  private KubectlRollwave() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(List.of(args), System.getenv(), System.out, System.err));
  }

  /** Parses, runs and reports; returns the exit code: 0 done, 1 failed, 2 bad command line. */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err)
      throws InterruptedException {
    CtlCommand cmd;
    try {
      cmd = CtlArgs.parse(args);
    } catch (UsageError e) {
      err.println("error: " + e.getMessage());
      err.print(CtlArgs.USAGE);
      return 2;
    }
    if (cmd.verb() == Verb.HELP) {
      out.print(CtlArgs.USAGE);
      return 0;
    }
    Path file = TemporalSettings.configFile(env, Path.of(System.getProperty("user.home")));
    try (KubeCluster cluster = KubeCluster.connect(cmd.kube())) {
      TemporalSettings temporal =
          TemporalSettings.resolve(cmd.temporal(), env, TemporalSettings.read(file), file);
      Holder holder = new Holder(temporal);
      try {
        return new Ctl(cluster, holder::connect, out, Duration.ofSeconds(1)).run(cmd, err);
      } finally {
        holder.close();
      }
    } catch (CtlFailure e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  /** The Temporal connection, made on first use and closed at the end. */
  private static final class Holder {
    private final TemporalSettings settings;
    private TemporalRollouts rollouts;

    Holder(TemporalSettings settings) {
      this.settings = settings;
    }

    TemporalRollouts connect() {
      rollouts = TemporalRollouts.connect(settings);
      return rollouts;
    }

    void close() {
      if (rollouts != null) {
        rollouts.close();
      }
    }
  }
}
