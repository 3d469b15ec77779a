package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.rollwave.api.Bounds;

/**
 * A health probe with the timing and thresholds of a Kubernetes probe, defaulted the same way
 * (period 10 s, timeout 1 s, success 1, failure 3). Timings are at most a day, thresholds at most
 * {@link Bounds#MAX_COUNT}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "[has(self.exec), has(self.httpGet), has(self.tcpSocket)].filter(x, x).size() == 1",
    message = "exactly one of exec, httpGet or tcpSocket must be set")
public record HealthCheck(
    ExecAction exec,
    HttpGetAction httpGet,
    TcpSocketAction tcpSocket,
    @Min(0) @Max(Bounds.DAY_SECONDS) @Default("0") Integer initialDelaySeconds,
    @Min(1) @Max(Bounds.DAY_SECONDS) @Default("10") Integer periodSeconds,
    @Min(1) @Max(Bounds.DAY_SECONDS) @Default("1") Integer timeoutSeconds,
    @Min(1) @Max(Bounds.MAX_COUNT) @Default("1") Integer successThreshold,
    @Min(1) @Max(Bounds.MAX_COUNT) @Default("3") Integer failureThreshold) {}
