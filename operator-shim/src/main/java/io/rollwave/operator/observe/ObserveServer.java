package io.rollwave.operator.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP port, on the JDK's server: {@code /metrics} (Prometheus text), {@code
 * /healthz} (liveness) and {@code /readyz} (readiness).
 */
public final class ObserveServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ObserveServer.class);
  public static final String METRICS = "/metrics";
  public static final String LIVENESS = "/healthz";
  public static final String READINESS = "/readyz";

  private final HttpServer server;
  private final ExecutorService threads;

  private ObserveServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Serves on every address at {@code port}; fails with what to do when the port is taken. */
  public static ObserveServer start(int port, PrometheusMeterRegistry registry, Health health) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 16);
    } catch (BindException e) {
      throw new IllegalStateException(
          "metrics port "
              + port
              + " is in use ("
              + e.getMessage()
              + "); pass --metrics-port with a free port, or 0 to serve no metrics and probes",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on port " + port, e);
    }
    server.createContext(
        METRICS,
        exchange ->
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry::scrape));
    server.createContext(LIVENESS, exchange -> respond(exchange, health.live()));
    server.createContext(READINESS, exchange -> respond(exchange, health.ready()));
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "observe-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.start();
    LOG.info(
        "metrics on :{}{}, liveness {}, readiness {}",
        server.getAddress().getPort(),
        METRICS,
        LIVENESS,
        READINESS);
    return new ObserveServer(server, threads);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, Health.Report report) throws IOException {
    respond(exchange, report.httpStatus(), "text/plain; charset=utf-8", report::body);
  }

  private static void respond(
      HttpExchange exchange, int status, String contentType, Supplier<String> body)
      throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
