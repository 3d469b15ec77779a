package io.rollwave.agent;

import io.rollwave.api.process.HealthCheck;
import io.rollwave.api.process.HttpGetAction;
import io.rollwave.api.process.HttpScheme;
import io.rollwave.api.process.TcpSocketAction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one health probe of a check: exec (exit 0), httpGet (2xx/3xx) or tcpSocket (connects). */
final class Probes {
  private Probes() {}

  /**
   * Built on the first httpGet probe: an HttpClient keeps a selector thread, and its default TLS
   * context parses the JVM's CA certificates.
   */
  private static final class Http {
    static final HttpClient CLIENT =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  static boolean run(HealthCheck check, Duration timeout, Map<String, String> env, Path workDir) {
    if (check.exec() != null) {
      return exec(check.exec().command(), timeout, env, workDir);
    }
    if (check.httpGet() != null) {
      return http(check.httpGet(), timeout);
    }
    if (check.tcpSocket() != null) {
      return tcp(check.tcpSocket(), timeout);
    }
    return true;
  }

  private static boolean exec(
      List<String> command, Duration timeout, Map<String, String> env, Path workDir) {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(Commands.expand(command, env))
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean http(HttpGetAction get, Duration timeout) {
    String scheme = get.scheme() == HttpScheme.HTTPS ? "https" : "http";
    String host = get.host() == null ? "127.0.0.1" : get.host();
    String path = get.path() == null ? "/" : get.path();
    try {
      HttpResponse<Void> r =
          Http.CLIENT.send(
              HttpRequest.newBuilder(URI.create(scheme + "://" + host + ":" + get.port() + path))
                  .timeout(timeout)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() >= 200 && r.statusCode() < 400;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean tcp(TcpSocketAction tcp, Duration timeout) {
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(tcp.host() == null ? "127.0.0.1" : tcp.host(), tcp.port()),
          (int) timeout.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
