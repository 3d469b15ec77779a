package io.rollwave.agent.artifact;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A local HTTPS artifact server (JDK HttpsServer, certificate from a {@link TestCa}): serves files,
 * answers {@code Range: bytes=N-} with 206, records every request, and can cut a response short
 * once or be stopped and started again on the same port.
 */
public final class ArtifactServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  /** One GET as the server saw it; {@code range} is the Range header, if any. */
  public record Request(String path, Optional<String> range) {}

  private final SSLContext tls;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Integer> cutOnce = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile boolean ignoreRange;
  private int port;
  private HttpsServer server;

  public ArtifactServer(TestCa ca) throws Exception {
    this.tls = ca.serverContext();
    start();
  }

  /** Starts (again) on the port it had, or a free one the first time. */
  public void start() throws IOException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  /** Stops listening: connections are refused until {@link #start()}. */
  public void stop() {
    server.stop(0);
  }

  /** Serves {@code body} at {@code path}; returns its SHA-256 hex. */
  public String serve(String path, byte[] body) {
    files.put(path, body);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The next response for {@code path} promises the whole body, sends {@code bytes}, then drops.
   */
  public void cutNextResponse(String path, int bytes) {
    cutOnce.put(path, bytes);
  }

  /** Answer every GET with the whole body and 200, as a server without Range support does. */
  public void ignoreRange(boolean ignore) {
    ignoreRange = ignore;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public String url(String path) {
    return "https://127.0.0.1:" + port + path;
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    Optional<String> range = Optional.ofNullable(ex.getRequestHeaders().getFirst("Range"));
    requests.add(new Request(path, range));
    byte[] body = files.get(path);
    if (body == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    int from = 0;
    Matcher m = RANGE.matcher(range.orElse(""));
    if (!ignoreRange && m.matches()) {
      from = Integer.parseInt(m.group(1));
      if (from >= body.length) {
        ex.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
        ex.sendResponseHeaders(416, -1);
        ex.close();
        return;
      }
      ex.getResponseHeaders()
          .set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
      ex.sendResponseHeaders(206, body.length - from);
    } else {
      ex.sendResponseHeaders(200, body.length);
    }
    Integer cut = cutOnce.remove(path);
    OutputStream out = ex.getResponseBody();
    if (cut != null) {
      out.write(body, from, cut);
      out.flush();
      // an exception out of the handler makes the JDK server drop the connection mid-body
      throw new IOException("cut after " + cut + " bytes, as a broken link would");
    }
    out.write(body, from, body.length - from);
    out.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
