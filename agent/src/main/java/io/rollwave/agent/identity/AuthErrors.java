package io.rollwave.agent.identity;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.tls.TlsFailureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in one line, naming the device, what nats-server refused and why; the same refusal again
 * (each reconnect of a revoked device) only once. Exceptions go to the TLS listener, which says a
 * TLS failure once (jnats takes one error listener per connection).
 */
public final class AuthErrors implements ErrorListener {
  private static final Logger LOG = LoggerFactory.getLogger(AuthErrors.class);
  private final DeviceKey device;
  private final TlsFailureListener tls;
  private volatile String last = "";

  public AuthErrors(DeviceKey device, TlsFailureListener tls) {
    this.device = device;
    this.tls = tls;
  }

  @Override
  public void errorOccurred(Connection conn, String error) {
    if (!error.equals(last)) {
      last = error;
      LOG.warn("device {}: NATS refused: {}", device, error);
    }
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    tls.exceptionOccurred(conn, exp);
    LOG.debug("device {}: NATS connection: {}", device, exp.toString());
  }
}
