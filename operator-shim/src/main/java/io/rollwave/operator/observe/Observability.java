package io.rollwave.operator.observe;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/**
 * The operator's registry and health, and the HTTP port that serves them (none when the port is 0):
 * what the control plane's parts report into.
 */
public final class Observability implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final Health health = new Health();
  private final Optional<ObserveServer> server;

  private Observability(PrometheusMeterRegistry registry, int port) {
    this.registry = registry;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    this.server =
        port == 0 ? Optional.empty() : Optional.of(ObserveServer.start(port, registry, health));
  }

  /** Serves {@code /metrics}, {@code /healthz} and {@code /readyz} on {@code port}, 0 for none. */
  public static Observability start(int port) {
    return new Observability(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), port);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public Health health() {
    return health;
  }

  /** The port serving metrics and probes, when one does. */
  public Optional<Integer> port() {
    return server.map(ObserveServer::port);
  }

  @Override
  public void close() {
    server.ifPresent(ObserveServer::close);
    registry.close();
  }
}
