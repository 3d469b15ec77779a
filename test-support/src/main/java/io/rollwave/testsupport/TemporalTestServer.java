package io.rollwave.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Temporal CLI's dev server (SQLite, Web UI) on free loopback ports, with Rollwave's search
 * attributes registered and the {@code default} namespace created.
 */
public final class TemporalTestServer implements AutoCloseable {
  public static final String NAMESPACE = "default";

  private final int port;
  private final int uiPort;
  private final ServerProcess process;

  private TemporalTestServer(int port, int uiPort, ServerProcess process) {
    this.port = port;
    this.uiPort = uiPort;
    this.process = process;
  }

  public static TemporalTestServer start(Path workDir, RepoLayout repo) {
    int port = FreePorts.next();
    int uiPort = FreePorts.next();
    List<String> command = new ArrayList<>();
    command.add(RepoLayout.binary("temporal").toString());
    command.addAll(
        List.of(
            "server",
            "start-dev",
            "--ip",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--ui-port",
            Integer.toString(uiPort),
            "--http-port",
            Integer.toString(FreePorts.next()),
            "--metrics-port",
            Integer.toString(FreePorts.next()),
            "--db-filename",
            workDir.resolve("temporal.db").toString(),
            "--namespace",
            NAMESPACE,
            "--log-level",
            "warn"));
    for (String attribute : searchAttributes(repo)) {
      command.add("--search-attribute");
      command.add(attribute);
    }
    try {
      Files.deleteIfExists(workDir.resolve("temporal.db"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerProcess process =
        ServerProcess.start("temporal dev server", command, workDir.resolve("temporal.log"));
    process.awaitPort(port, Duration.ofSeconds(60));
    return new TemporalTestServer(port, uiPort, process);
  }

  /** NAME=TYPE lines of temporal-config's search attribute list. */
  static List<String> searchAttributes(RepoLayout repo) {
    Path file =
        repo.root().resolve("temporal-config/src/main/resources/rollwave-search-attributes.txt");
    try {
      return Files.readAllLines(file).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read search attributes from " + file, e);
    }
  }

  /** host:port of the frontend, what a WorkflowServiceStubs target wants. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  public String uiUrl() {
    return "http://127.0.0.1:" + uiPort;
  }

  /**
   * Runs the Temporal CLI against this server and returns what it printed; fails on non-zero exit.
   */
  public String cli(String... args) {
    List<String> command = new ArrayList<>();
    command.add(RepoLayout.binary("temporal").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("--address", target(), "--namespace", NAMESPACE));
    return Commands.run(command, Duration.ofSeconds(60));
  }

  public Path logFile() {
    return process.logFile();
  }

  /**
   * Whether the server still answers for its namespace. The dev server's SQLite store can break for
   * good after requests cancelled mid-transaction (every later call fails with "interrupted (9)"),
   * as tests that stop workers and operators abruptly do; {@link RealServers} then starts a fresh
   * one.
   */
  public boolean answers() {
    try {
      Commands.Result r =
          Commands.tryRun(
              List.of(
                  RepoLayout.binary("temporal").toString(),
                  "operator",
                  "namespace",
                  "describe",
                  "--address",
                  target(),
                  "--namespace",
                  NAMESPACE),
              java.util.Map.of(),
              null,
              Duration.ofSeconds(20));
      return r.exitCode() == 0;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
