package io.rollwave.operator.access;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each request the API server refuses with 403, one line naming the right that is missing and
 * what to grant. Every request of the operator's client passes here: informers' watches (which
 * fabric8 otherwise retries with only "Forbidden"), JOSDK's informers, and calls whose errors a
 * caller handles. A right refused again is logged again only after {@link #REPEAT}.
 */
public final class ForbiddenRequests implements Interceptor {
  public static final String NAME = "rollwave-forbidden-requests";
  static final Duration REPEAT = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(ForbiddenRequests.class);

  private final LongSupplier nanoTime;
  private final Map<RequestedRight, Long> lastLogged = new ConcurrentHashMap<>();

  public ForbiddenRequests() {
    this(System::nanoTime);
  }

  ForbiddenRequests(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public CompletableFuture<Boolean> afterFailure(
      BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
    if (response.code() == 403) {
      refused(response.request().method(), response.request().uri());
    }
    return CompletableFuture.completedFuture(false);
  }

  /** Logs the refused request's missing right, unless logged lately; returns the line logged. */
  Optional<String> refused(String method, URI uri) {
    Optional<String> line =
        RequestedRight.of(method, uri)
            .filter(this::due)
            .map(
                right ->
                    "forbidden: the operator %s (%s %s): grant verb %s on %s in API group \"%s\" to"
                            .formatted(
                                right.describe(),
                                method,
                                uri.getRawPath(),
                                right.verb(),
                                right.resource(),
                                right.group())
                        + " its ServiceAccount (the chart's Role or ClusterRole)");
    line.ifPresent(LOG::error);
    return line;
  }

  private boolean due(RequestedRight right) {
    long now = nanoTime.getAsLong();
    boolean[] due = {false};
    lastLogged.compute(
        right,
        (r, before) -> {
          due[0] = before == null || now - before >= REPEAT.toNanos();
          return due[0] ? now : before;
        });
    return due[0];
  }
}
