package io.rollwave.agent;

import io.rollwave.agent.backend.LaunchSpec;
import io.rollwave.agent.backend.Limits;
import io.rollwave.api.nats.PullSecret;
import io.rollwave.api.process.DeviceProcessSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a DeviceProcess spec into what a backend starts: command and args with {@code ${NAME}}
 * expanded; for a container image, the command's first word becomes the entrypoint (as a Pod's
 * {@code command} overrides the image's ENTRYPOINT) and no command leaves the image's own, and the
 * pull secret's document goes with it for the engine's pull; resource limits in the backends' units
 * ({@link Limits#of}, which throws on a limit it cannot read). Pure.
 */
final class Launches {
  private Launches() {}

  static LaunchSpec of(
      String name,
      DeviceProcessSpec spec,
      Map<String, String> env,
      Path workDir,
      Path logFile,
      Optional<String> image,
      Optional<PullSecret> pullSecret) {
    List<String> command = new ArrayList<>();
    if (spec.execution().command() != null) {
      command.addAll(Commands.expand(spec.execution().command(), env));
    }
    Optional<String> entrypoint = Optional.empty();
    if (image.isPresent() && !command.isEmpty()) {
      entrypoint = Optional.of(command.remove(0));
    }
    if (spec.execution().args() != null) {
      command.addAll(Commands.expand(spec.execution().args(), env));
    }
    return new LaunchSpec(
        name,
        command,
        env,
        workDir,
        logFile,
        spec.restartPolicy(),
        Optional.ofNullable(spec.execution().user()),
        image,
        entrypoint,
        image.flatMap(i -> pullSecret).map(PullSecret::dockerConfigJson),
        Limits.of(spec.execution().resources()));
  }
}
