package io.rollwave.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollwave.api.deployment.RolloutPhase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugin's verbs against a stand-in rollout workflow in Temporal's test server: the update each
 * verb sends, who it records as the requester, the validators' refusals and the exit codes.
 */
class CtlControlTest {
  private static final String NS = "infra";
  private static final String TASK_QUEUE = "ctl-test";
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static TestWorkflowEnvironment env;

  @BeforeAll
  static void start() {
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(TASK_QUEUE).registerWorkflowImplementationTypes(StandInRolloutImpl.class);
    env.start();
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  record Run(int exit, String out, String err, List<String> accepted) {}

  /** Starts a stand-in rollout in {@code phase} for a new deployment, then runs {@code line}. */
  private static Run run(String phase, String line) throws InterruptedException {
    String name = "sw" + RUNS.incrementAndGet();
    WorkflowClient client = env.getWorkflowClient();
    StandInRollout rollout =
        client.newWorkflowStub(
            StandInRollout.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("rollout/" + NS + "/" + name)
                .setTaskQueue(TASK_QUEUE)
                .build());
    WorkflowClient.start(rollout::run, phase);
    if (phase.equals("Ended")) {
      WorkflowStub.fromTyped(rollout).getResult(Void.class);
    }
    InMemoryCluster cluster =
        new InMemoryCluster("alice@example")
            .with(
                Deployments.dpd(
                    NS,
                    name,
                    0,
                    null,
                    Deployments.status(
                        2,
                        "aaa111",
                        "bbb222",
                        RolloutPhase.valueOf(phase.equals("Ended") ? "Complete" : phase),
                        "Why",
                        "because")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    TemporalRollouts temporal = new TemporalRollouts(client, "test", () -> {});
    int exit =
        new Ctl(cluster, () -> temporal, print(out), Duration.ofMillis(50))
            .run(CtlArgs.parse(words(line.replace("NAME", name) + " -n " + NS)), print(err));
    return new Run(
        exit,
        out.toString(StandardCharsets.UTF_8).replace(name, "NAME"),
        err.toString(StandardCharsets.UTF_8).replace(name, "NAME"),
        rollout.accepted());
  }

  static Stream<Arguments> controls() {
    return Stream.of(
        Arguments.of(
            "Progressing",
            "pause NAME --reason window",
            0,
            "dpd infra/NAME: pause accepted (Progressing -> Paused): paused; 3 devices are still"
                + " moving\n",
            "",
            List.of("pause by alice@example (window)")),
        Arguments.of(
            "Paused",
            "resume NAME",
            0,
            "dpd infra/NAME: resume accepted (Paused -> Progressing): moving again\n",
            "",
            List.of("resume by alice@example")),
        Arguments.of(
            "Paused",
            "promote NAME --full",
            0,
            "dpd infra/NAME: promote accepted (Paused -> Progressing)\n",
            "",
            List.of("promote by alice@example [full]")),
        Arguments.of(
            "Paused",
            "promote NAME",
            0,
            "dpd infra/NAME: promote accepted (Paused -> Progressing)\n",
            "",
            List.of("promote by alice@example [step]")),
        Arguments.of(
            "Progressing",
            "abort NAME --reason bad",
            0,
            "dpd infra/NAME: abort accepted (Progressing -> Aborted): moved devices go back\n",
            "",
            List.of("abort by alice@example (bad)")),
        Arguments.of(
            "Degraded",
            "retry NAME",
            0,
            "dpd infra/NAME: retry accepted (Degraded -> Progressing)\n",
            "",
            List.of("retry by alice@example")),
        Arguments.of(
            "Progressing",
            "undo NAME --to-revision 1",
            0,
            "dpd infra/NAME: undo accepted (Progressing -> RollingBack): back to aaa111\n",
            "",
            List.of("undo by alice@example [aaa111]")),
        Arguments.of(
            "Progressing",
            "undo NAME",
            0,
            "dpd infra/NAME: undo accepted (Progressing -> RollingBack): back to aaa111\n",
            "",
            List.of("undo by alice@example [null]")),
        Arguments.of(
            "Paused",
            "pause NAME",
            1,
            "",
            "error: dpd infra/NAME: pause refused: already paused by carol (maintenance)\n",
            List.of()),
        Arguments.of(
            "Progressing",
            "resume NAME",
            1,
            "",
            "error: dpd infra/NAME: resume refused: not paused: there is nothing to resume\n",
            List.of()),
        Arguments.of(
            "Progressing",
            "promote NAME",
            1,
            "",
            "error: dpd infra/NAME: promote refused: not paused at a step: there is nothing to"
                + " promote\n",
            List.of()),
        Arguments.of(
            "Complete",
            "abort NAME",
            1,
            "",
            "error: dpd infra/NAME: abort refused: the rollout is complete: there is nothing to"
                + " abort\n",
            List.of()),
        Arguments.of(
            "Ended",
            "pause NAME",
            1,
            "",
            "error: dpd infra/NAME: pause refused: its rollout workflow has ended, so no rollout is"
                + " in progress; a new template starts one\n",
            List.of()),
        Arguments.of(
            "Progressing",
            "retry NAME",
            1,
            "",
            "error: dpd infra/NAME: retry refused: nothing failed: retry needs a Degraded or"
                + " Aborted rollout\n",
            List.of()),
        Arguments.of(
            "Progressing",
            "undo NAME --to-revision 2",
            1,
            "",
            "error: dpd infra/NAME: undo refused: already at revision bbb222\n",
            List.of()),
        Arguments.of(
            "Progressing",
            "undo NAME --to-revision 9",
            1,
            "",
            "error: dpd infra/NAME has no revision 9; `kubectl rollwave history NAME -n infra`"
                + " lists the stored ones\n",
            List.of()));
  }

  @ParameterizedTest(name = "{1} when {0} -> exit {2}")
  @MethodSource("controls")
  void sendsEachControlAsItsUpdateAndReportsTheAnswer(
      String phase, String line, int exit, String out, String err, List<String> accepted)
      throws Exception {
    assertThat(run(phase, line)).isEqualTo(new Run(exit, out, err, accepted));
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(
            "Complete",
            "status NAME",
            0,
            "dpd \"NAME\" successfully rolled out (revision bbb222, v2)\n"),
        Arguments.of(
            "Complete",
            "status NAME --watch",
            0,
            "dpd \"NAME\" successfully rolled out (revision bbb222, v2)\n"),
        Arguments.of(
            "Degraded",
            "status NAME --watch",
            1,
            "error: dpd \"NAME\" rollout is Degraded: Why: because; fix the cause, then run:"
                + " kubectl rollwave retry NAME -n infra\n"),
        Arguments.of(
            "Aborted", "status NAME", 1, "error: dpd \"NAME\" rollout was aborted: Why: because\n"),
        Arguments.of(
            "Progressing",
            "status NAME",
            0,
            "Waiting for dpd \"NAME\" rollout to finish: 3 of 6 updated devices are"
                + " available...\n"),
        Arguments.of(
            "Progressing",
            "status NAME --timeout 300ms",
            1,
            "Waiting for dpd \"NAME\" rollout to finish: 3 of 6 updated devices are"
                + " available...\nerror: timed out waiting for dpd \"NAME\" after 0.3s\n"));
  }

  @ParameterizedTest(name = "{1} when {0} -> exit {2}")
  @MethodSource("statuses")
  void statusExitsAsKubectlRolloutStatusDoes(String phase, String line, int exit, String out)
      throws Exception {
    Run run = run(phase, line);
    assertThat(run.out() + run.err()).isEqualTo(out);
    assertThat(run.exit()).isEqualTo(exit);
  }

  @Test
  void statusWatchEndsWhenAControlCompletesTheRollout() throws Exception {
    Run aborted = run("Progressing", "abort NAME");
    assertThat(aborted.exit()).isZero();
    // the same workflow, now Aborted: a second command on it
    String name = "sw" + RUNS.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        new Ctl(
                new InMemoryCluster("bob")
                    .with(
                        Deployments.dpd(
                            NS,
                            name,
                            0,
                            null,
                            Deployments.status(
                                2, "aaa111", "bbb222", RolloutPhase.Progressing, null, null))),
                () -> new TemporalRollouts(env.getWorkflowClient(), "test", () -> {}),
                print(out),
                Duration.ofMillis(50))
            .run(CtlArgs.parse(words("status " + name + " -n infra --watch")), print(out));
    assertThat(exit).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("rollout was aborted");
  }

  @Test
  void getShowsWhoPausedItFromTheWorkflow() throws Exception {
    Run paused = run("Progressing", "pause NAME --reason window");
    assertThat(paused.exit()).isZero();
    String name = "sw" + RUNS.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new Ctl(
            new InMemoryCluster("bob")
                .with(
                    Deployments.dpd(
                        NS,
                        name,
                        0,
                        null,
                        Deployments.status(
                            2, "aaa111", "bbb222", RolloutPhase.Progressing, null, null))),
            () -> new TemporalRollouts(env.getWorkflowClient(), "test", () -> {}),
            print(out),
            Duration.ofMillis(50))
        .run(CtlArgs.parse(words("get " + name + " -n infra")), print(out));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Phase:        Paused, held by alice@example (window)\n")
        .contains("Revisions:    stable #1 aaa111 (v1) -> update #2 bbb222 (v2)\n");
  }

  @Test
  void anUnknownDeploymentIsNamedWithItsNamespace() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new Ctl(
                new InMemoryCluster("bob"),
                () -> {
                  throw new AssertionError("Temporal is not needed to find a deployment");
                },
                print(new ByteArrayOutputStream()),
                Duration.ofMillis(50))
            .run(CtlArgs.parse(words("pause nope -n infra")), print(err));
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("error: no deviceprocessdeployment nope in namespace infra\n");
  }

  @Test
  void anUnreachableTemporalIsNamedWithHowToSetIt() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    TemporalSettings settings =
        new TemporalSettings("127.0.0.1:" + port, "default", "TEMPORAL_ADDRESS");
    assertThatThrownBy(() -> TemporalRollouts.connect(settings))
        .isInstanceOf(CtlFailure.class)
        .hasMessage(
            "cannot reach Temporal at 127.0.0.1:"
                + port
                + " (from TEMPORAL_ADDRESS); set it with --temporal-address HOST:PORT, the"
                + " TEMPORAL_ADDRESS environment variable or temporal.address in"
                + " ~/.config/rollwave/ctl.properties");
  }

  @Test
  void getFallsBackOnTheDeploymentsStatusWhenTemporalIsUnreachable() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        new Ctl(
                new InMemoryCluster("bob")
                    .with(
                        Deployments.dpd(
                            NS,
                            "sw",
                            0,
                            null,
                            Deployments.status(
                                2, "aaa111", "bbb222", RolloutPhase.Progressing, null, null))),
                () -> {
                  throw new CtlFailure("cannot reach Temporal at t:1");
                },
                print(out),
                Duration.ofMillis(50))
            .run(CtlArgs.parse(words("get sw -n infra")), print(out));
    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Phase:        Progressing\n")
        .contains("Devices:      6 total, 4 updated, 5 available, 1 unavailable\n")
        .contains("Note:         cannot reach Temporal at t:1; counts are the DPD's status\n");
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static List<String> words(String line) {
    return Arrays.asList(line.split(" "));
  }
}
