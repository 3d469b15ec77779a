package io.rollwave.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The control plane under measurement, in a JVM of its own (so its memory is its own), on this
 * JVM's class path, watching one namespace; its log goes to a file.
 */
public final class OperatorProcess implements AutoCloseable {

  private final Process process;

  private OperatorProcess(Process process) {
    this.process = process;
  }

  public static OperatorProcess start(Servers servers, String namespace, String javaOpts, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (!javaOpts.isBlank()) {
      command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
    }
    command.addAll(
        List.of(
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-cp",
            System.getProperty("java.class.path"),
            "io.rollwave.operator.OperatorMain",
            "--kubeconfig",
            servers.kubeconfig().toString(),
            "--temporal",
            servers.temporalTarget(),
            "--namespace",
            namespace,
            "--heartbeat-timeout-seconds",
            "300",
            "--metrics-port",
            "0"));
    command.addAll(servers.nats().flags());
    servers
        .natsIdentity()
        .ifPresent(dir -> command.addAll(List.of("--nats-identity", dir.toString())));
    return new OperatorProcess(
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start());
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
