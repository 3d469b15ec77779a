package io.rollwave.ctl;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One parsed command line: the verb, the deployment it names and every flag, typed. Flags a verb
 * does not take are refused by {@link CtlArgs}, so a verb finds only its own set here.
 */
public record CtlCommand(
    Verb verb,
    String name,
    KubeFlags kube,
    TemporalFlags temporal,
    boolean watch,
    Optional<Duration> timeout,
    Optional<String> reason,
    boolean full,
    OptionalLong toRevision) {

  /** Where the cluster is, as kubectl's flags say; empty means the kubeconfig's own choice. */
  public record KubeFlags(
      Optional<String> kubeconfig, Optional<String> context, Optional<String> namespace) {
    public static final KubeFlags NONE =
        new KubeFlags(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Where Temporal is, from flags; empty means the environment or the config file decides. */
  public record TemporalFlags(Optional<String> address, Optional<String> namespace) {
    public static final TemporalFlags NONE = new TemporalFlags(Optional.empty(), Optional.empty());
  }

  /** A command with no flags beyond the verb and the name. */
  public static CtlCommand of(Verb verb, String name) {
    return new CtlCommand(
        verb,
        name,
        KubeFlags.NONE,
        TemporalFlags.NONE,
        false,
        Optional.empty(),
        Optional.empty(),
        false,
        OptionalLong.empty());
  }
}
