package io.rollwave.agent.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link CommandRunner} for tests of the command sequence a backend issues: records every command
 * line and answers from the function it is given (per call, so a test can script a state that
 * changes, such as activating then active).
 */
public final class RecordingRunner implements CommandRunner {
  private final List<List<String>> calls = new CopyOnWriteArrayList<>();
  private final Function<List<String>, Result> answer;

  public RecordingRunner(Function<List<String>, Result> answer) {
    this.answer = answer;
  }

  @Override
  public Result run(List<String> command) {
    calls.add(List.copyOf(command));
    return answer.apply(command);
  }

  /** Every command line so far, without the command itself (systemctl, podman, ...). */
  public List<List<String>> argsSoFar() {
    List<List<String>> args = new ArrayList<>();
    for (List<String> c : calls) {
      args.add(c.subList(1, c.size()));
    }
    return args;
  }

  public List<List<String>> calls() {
    return List.copyOf(calls);
  }

  public static Result ok(String output) {
    return new Result(0, output);
  }
}
