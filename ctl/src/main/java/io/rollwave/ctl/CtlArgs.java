package io.rollwave.ctl;

import io.rollwave.ctl.CtlCommand.KubeFlags;
import io.rollwave.ctl.CtlCommand.TemporalFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code kubectl rollwave} arguments into a {@link CtlCommand}. Pure. */
public final class CtlArgs {
  public static final String USAGE =
      """
      Usage: kubectl rollwave VERB NAME [flags]      (or ./rollwave ctl VERB NAME [flags])

      Verbs:
        status NAME [--watch] [--timeout D]  the rollout's state; exit 0 when complete, 1 when degraded,
                                             aborted or --timeout passed (--timeout implies --watch, here and for get)
        get NAME [--watch] [--timeout D]     revisions, phase (who paused it, why), step, window, batches,
                                             device counts per partition, failed devices with reasons
        pause NAME [--reason R]              hold the rollout: no more devices move
        resume NAME [--reason R]             end a pause (not a spec.paused hold: kubectl patch that)
        promote NAME [--full] [--reason R]   skip the current canary step (--full: every remaining one)
        abort NAME [--reason R]              stop and send moved devices back to the stable revision
        retry NAME [--reason R]              try a failed (Degraded) or aborted rollout again
        undo NAME [--to-revision N] [--reason R]
                                             roll back to revision N of `history` (default: the stable one)
        history NAME                         the stored revisions, their versions, times and change causes
        plan NAME                            the batches the current template's rollout would take

      Flags:
        -n, --namespace NS        the deployment's namespace (default: the kubeconfig context's)
        --kubeconfig FILE         the kubeconfig (default: $KUBECONFIG, else ~/.kube/config)
        --context NAME            the kubeconfig context (default: its current context)
        --temporal-address HOST:PORT   Temporal's frontend (default: $TEMPORAL_ADDRESS, else
                                  temporal.address in ~/.config/rollwave/ctl.properties, else localhost:7233)
        --temporal-namespace NS   Temporal namespace (default: $TEMPORAL_NAMESPACE, else temporal.namespace
                                  in that file, else default)
        -h, --help                this text
      Durations are like kubectl's: 30s, 5m, 1h30m; 0 waits forever.
      """;

  private static final Set<Verb> WATCHING = EnumSet.of(Verb.STATUS, Verb.GET);
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:ms|s|m|h))+");

  private CtlArgs() {}

  public static CtlCommand parse(List<String> args) {
    if (args.isEmpty()) {
      throw new UsageError("a verb is required");
    }
    if (args.contains("-h") || args.contains("--help") || args.get(0).equals("help")) {
      return CtlCommand.of(Verb.HELP, "");
    }
    Verb verb =
        Verb.of(args.get(0))
            .filter(v -> v != Verb.HELP)
            .orElseThrow(() -> new UsageError("unknown verb '" + args.get(0) + "'"));
    Builder b = new Builder(verb);
    for (int i = 1; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("-") || arg.equals("-")) {
        if (b.name != null) {
          throw new UsageError(
              verb.word() + " takes one deployment name; '" + arg + "' is one too many");
        }
        b.name = arg;
        continue;
      }
      String flag = arg;
      Optional<String> inline = Optional.empty();
      int eq = arg.indexOf('=');
      if (eq > 0) {
        flag = arg.substring(0, eq);
        inline = Optional.of(arg.substring(eq + 1));
      }
      if (isBoolean(flag)) {
        b.set(flag, bool(flag, inline.orElse("true")));
        continue;
      }
      String value;
      if (inline.isPresent()) {
        value = inline.get();
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageError("flag " + flag + " needs a value");
      }
      b.set(flag, value);
    }
    return b.build();
  }

  private static boolean isBoolean(String flag) {
    return flag.equals("--watch") || flag.equals("-w") || flag.equals("--full");
  }

  private static String bool(String flag, String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw new UsageError("flag " + flag + " is true or false, not '" + value + "'");
    }
    return value;
  }

  /** A kubectl-style duration: 30s, 5m, 1h30m, 500ms; {@code 0} means none. */
  static Optional<Duration> duration(String text) {
    if (text.equals("0")) {
      return Optional.empty();
    }
    if (!DURATION.matcher(text).matches()) {
      throw new UsageError("--timeout '" + text + "' is not a duration such as 30s, 5m or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher m = DURATION_PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              });
    }
    return total.isZero() ? Optional.empty() : Optional.of(total);
  }

  private static final class Builder {
    private final Verb verb;
    private String name;
    private final List<String> seen = new ArrayList<>();
    private Optional<String> kubeconfig = Optional.empty();
    private Optional<String> context = Optional.empty();
    private Optional<String> namespace = Optional.empty();
    private Optional<String> temporalAddress = Optional.empty();
    private Optional<String> temporalNamespace = Optional.empty();
    private boolean watch;
    private Optional<Duration> timeout = Optional.empty();
    private Optional<String> reason = Optional.empty();
    private boolean full;
    private OptionalLong toRevision = OptionalLong.empty();

    Builder(Verb verb) {
      this.verb = verb;
    }

    void set(String flag, String value) {
      String canonical = flag.equals("-n") ? "--namespace" : flag.equals("-w") ? "--watch" : flag;
      if (seen.contains(canonical)) {
        throw new UsageError("flag " + canonical + " is given twice");
      }
      seen.add(canonical);
      switch (canonical) {
        case "--kubeconfig" -> kubeconfig = Optional.of(nonBlank(flag, value));
        case "--context" -> context = Optional.of(nonBlank(flag, value));
        case "--namespace" -> namespace = Optional.of(nonBlank(flag, value));
        case "--temporal-address" -> temporalAddress = Optional.of(nonBlank(flag, value));
        case "--temporal-namespace" -> temporalNamespace = Optional.of(nonBlank(flag, value));
        case "--watch" -> {
          only(flag, WATCHING);
          watch = Boolean.parseBoolean(value);
        }
        case "--timeout" -> {
          only(flag, WATCHING);
          timeout = duration(value);
        }
        case "--reason" -> {
          only(
              flag,
              EnumSet.of(Verb.PAUSE, Verb.RESUME, Verb.ABORT, Verb.RETRY, Verb.PROMOTE, Verb.UNDO));
          reasonFor(value);
        }
        case "--full" -> {
          only(flag, EnumSet.of(Verb.PROMOTE));
          full = Boolean.parseBoolean(value);
        }
        case "--to-revision" -> {
          only(flag, EnumSet.of(Verb.UNDO));
          toRevision = OptionalLong.of(revision(value));
        }
        default -> throw new UsageError("unknown flag " + flag + " for " + verb.word());
      }
    }

    private void reasonFor(String value) {
      reason = Optional.of(nonBlank("--reason", value));
    }

    private void only(String flag, Set<Verb> verbs) {
      if (!verbs.contains(verb)) {
        throw new UsageError(verb.word() + " takes no " + flag + " flag");
      }
    }

    private static String nonBlank(String flag, String value) {
      if (value.isBlank()) {
        throw new UsageError("flag " + flag + " needs a value");
      }
      return value;
    }

    private static long revision(String value) {
      try {
        long n = Long.parseLong(value);
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      throw new UsageError(
          "--to-revision takes a revision number of `kubectl rollwave history` (1, 2, ...), not '"
              + value
              + "'");
    }

    CtlCommand build() {
      if (name == null) {
        throw new UsageError(verb.word() + " needs the name of a DeviceProcessDeployment");
      }
      return new CtlCommand(
          verb,
          name,
          new KubeFlags(kubeconfig, context, namespace),
          new TemporalFlags(temporalAddress, temporalNamespace),
          watch || timeout.isPresent(),
          timeout,
          reason,
          full,
          toRevision);
    }
  }
}
