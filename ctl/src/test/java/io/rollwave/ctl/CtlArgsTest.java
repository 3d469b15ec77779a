package io.rollwave.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.ctl.CtlCommand.KubeFlags;
import io.rollwave.ctl.CtlCommand.TemporalFlags;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CtlArgsTest {
  private static final KubeFlags NO_KUBE = KubeFlags.NONE;
  private static final TemporalFlags NO_TEMPORAL = TemporalFlags.NONE;

  static Stream<Arguments> commands() {
    return Stream.of(
        Arguments.of("status sw", CtlCommand.of(Verb.STATUS, "sw")),
        Arguments.of(
            "status sw --watch --timeout 1m30s",
            new CtlCommand(
                Verb.STATUS,
                "sw",
                NO_KUBE,
                NO_TEMPORAL,
                true,
                Optional.of(Duration.ofSeconds(90)),
                Optional.empty(),
                false,
                OptionalLong.empty())),
        Arguments.of(
            "status sw --timeout=500ms",
            new CtlCommand(
                Verb.STATUS,
                "sw",
                NO_KUBE,
                NO_TEMPORAL,
                true,
                Optional.of(Duration.ofMillis(500)),
                Optional.empty(),
                false,
                OptionalLong.empty())),
        Arguments.of("status sw --watch=false --timeout 0", CtlCommand.of(Verb.STATUS, "sw")),
        Arguments.of(
            "get -w sw -n infra --context prod --kubeconfig /k",
            new CtlCommand(
                Verb.GET,
                "sw",
                new KubeFlags(Optional.of("/k"), Optional.of("prod"), Optional.of("infra")),
                NO_TEMPORAL,
                true,
                Optional.empty(),
                Optional.empty(),
                false,
                OptionalLong.empty())),
        Arguments.of(
            "pause sw --reason maintenance --temporal-address t:7233 --temporal-namespace ops",
            new CtlCommand(
                Verb.PAUSE,
                "sw",
                NO_KUBE,
                new TemporalFlags(Optional.of("t:7233"), Optional.of("ops")),
                false,
                Optional.empty(),
                Optional.of("maintenance"),
                false,
                OptionalLong.empty())),
        Arguments.of(
            "promote sw --full",
            new CtlCommand(
                Verb.PROMOTE,
                "sw",
                NO_KUBE,
                NO_TEMPORAL,
                false,
                Optional.empty(),
                Optional.empty(),
                true,
                OptionalLong.empty())),
        Arguments.of(
            "undo sw --to-revision=3 --namespace=infra",
            new CtlCommand(
                Verb.UNDO,
                "sw",
                new KubeFlags(Optional.empty(), Optional.empty(), Optional.of("infra")),
                NO_TEMPORAL,
                false,
                Optional.empty(),
                Optional.empty(),
                false,
                OptionalLong.of(3))),
        Arguments.of("resume sw", CtlCommand.of(Verb.RESUME, "sw")),
        Arguments.of("abort sw", CtlCommand.of(Verb.ABORT, "sw")),
        Arguments.of("retry sw", CtlCommand.of(Verb.RETRY, "sw")),
        Arguments.of("history sw", CtlCommand.of(Verb.HISTORY, "sw")),
        Arguments.of("plan sw", CtlCommand.of(Verb.PLAN, "sw")),
        Arguments.of("status --help", CtlCommand.of(Verb.HELP, "")),
        Arguments.of("help", CtlCommand.of(Verb.HELP, "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void parsesEachVerbAndItsFlags(String line, CtlCommand expected) {
    assertThat(CtlArgs.parse(words(line))).isEqualTo(expected);
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("", "a verb is required"),
        Arguments.of("rollout sw", "unknown verb 'rollout'"),
        Arguments.of("status", "status needs the name of a DeviceProcessDeployment"),
        Arguments.of("status a b", "status takes one deployment name; 'b' is one too many"),
        Arguments.of("status sw --full", "status takes no --full flag"),
        Arguments.of("pause sw --watch", "pause takes no --watch flag"),
        Arguments.of("history sw --reason x", "history takes no --reason flag"),
        Arguments.of("get sw --to-revision 2", "get takes no --to-revision flag"),
        Arguments.of("status sw --timeout", "flag --timeout needs a value"),
        Arguments.of(
            "status sw --timeout 10", "--timeout '10' is not a duration such as 30s, 5m or 1h30m"),
        Arguments.of(
            "status sw --timeout 5x", "--timeout '5x' is not a duration such as 30s, 5m or 1h30m"),
        Arguments.of(
            "undo sw --to-revision two",
            "--to-revision takes a revision number of `kubectl rollwave history` (1, 2, ...),"
                + " not 'two'"),
        Arguments.of(
            "undo sw --to-revision 0",
            "--to-revision takes a revision number of `kubectl rollwave history` (1, 2, ...),"
                + " not '0'"),
        Arguments.of("status sw -n a -n b", "flag --namespace is given twice"),
        Arguments.of("status sw --watch=yes", "flag --watch is true or false, not 'yes'"),
        Arguments.of("status sw --bogus 1", "unknown flag --bogus for status"),
        Arguments.of("pause sw --reason=", "flag --reason needs a value"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("mistakes")
  void refusesBadCommandLinesSayingWhy(String line, String message) {
    assertThatThrownBy(() -> CtlArgs.parse(words(line)))
        .isInstanceOf(UsageError.class)
        .hasMessage(message);
  }

  private static List<String> words(String line) {
    return line.isEmpty() ? List.of() : Arrays.asList(line.split(" "));
  }
}
