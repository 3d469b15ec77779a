package io.rollwave.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension giving a test real servers as parameters: {@link KubeTestServer}, {@link
 * NatsTestServer}, {@link TemporalTestServer}. Each starts on first use, once per test run (one
 * Maven module), on free loopback ports, and stops when the run ends. Their logs stay under {@code
 * target/real-servers/}; a failing test names that folder.
 */
public final class RealServers implements ParameterResolver, TestWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(RealServers.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RealServers.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubeTestServer.class
        || type == NatsTestServer.class
        || type == TemporalTestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == KubeTestServer.class) {
      return shared(
          context, KubeTestServer.class, dir -> KubeTestServer.start(dir, RepoLayout.find()));
    }
    if (type == NatsTestServer.class) {
      return shared(context, NatsTestServer.class, NatsTestServer::start);
    }
    TemporalTestServer temporal =
        shared(
            context,
            TemporalTestServer.class,
            dir -> TemporalTestServer.start(dir, RepoLayout.find()));
    if (temporal.answers()) {
      return temporal;
    }
    // a broken dev server fails every later test: replace it, keeping its log
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    store.remove(TemporalTestServer.class);
    temporal.close();
    Path broken = temporal.logFile();
    try {
      Files.move(
          broken,
          broken.resolveSibling("temporal-broken-" + System.currentTimeMillis() + ".log"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.warn("cannot keep the broken Temporal dev server's log {}: {}", broken, e.toString());
    }
    LOG.warn(
        "the Temporal dev server stopped answering for its namespace (its SQLite store breaks after"
            + " cancelled requests); starting a fresh one for {}",
        context.getDisplayName());
    return shared(
        context, TemporalTestServer.class, dir -> TemporalTestServer.start(dir, RepoLayout.find()));
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    LOG.error(
        "{} failed; real server logs are in {}",
        context.getDisplayName(),
        RepoLayout.targetDir("real-servers"));
  }

  private static <T extends AutoCloseable> T shared(
      ExtensionContext context, Class<T> type, Function<Path, T> starter) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    return store.getOrComputeIfAbsent(
        type, k -> starter.apply(RepoLayout.targetDir("real-servers")), type);
  }
}
