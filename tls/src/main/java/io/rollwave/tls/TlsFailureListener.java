package io.rollwave.tls;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hears the exceptions jnats meets while connecting and keeps the last TLS failure as one line
 * ({@link TlsFailure}); {@code onNewFailure} hears each line once until another replaces it, so a
 * client retrying forever says why once, not at every attempt.
 */
public final class TlsFailureListener implements ErrorListener {
  private final NatsEndpoint endpoint;
  private final Consumer<String> onNewFailure;
  private final AtomicReference<String> last = new AtomicReference<>();

  public TlsFailureListener(NatsEndpoint endpoint, Consumer<String> onNewFailure) {
    this.endpoint = endpoint;
    this.onNewFailure = onNewFailure;
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    TlsFailure.describe(exp, endpoint)
        .ifPresent(
            line -> {
              if (!Objects.equals(last.getAndSet(line), line)) {
                onNewFailure.accept(line);
              }
            });
  }

  /** The last TLS failure heard, if any. */
  public Optional<String> lastFailure() {
    return Optional.ofNullable(last.get());
  }

  /** Forgets the last failure, e.g. once connected, so a later one is said again. */
  public void connected() {
    last.set(null);
  }
}
