package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
    @JsonPropertyDescription(
            "exec probes by running a command. Set exactly one of exec, httpGet, tcpSocket.")
        ExecAction exec,
    @JsonPropertyDescription(
            "httpGet probes with an HTTP GET. Set exactly one of exec, httpGet, tcpSocket.")
        HttpGetAction httpGet,
    @JsonPropertyDescription(
            "tcpSocket probes by opening a TCP connection. Set exactly one of exec, httpGet,"
                + " tcpSocket.")
        TcpSocketAction tcpSocket,
    @JsonPropertyDescription(
            "initialDelaySeconds is how long after the process starts the first probe runs."
                + " Defaults to 0; at most "
                + Bounds.DAY_SECONDS
                + ".")
        @Min(0)
        @Max(Bounds.DAY_SECONDS)
        @Default("0")
        Integer initialDelaySeconds,
    @JsonPropertyDescription(
            "periodSeconds is the time between probes. Defaults to 10; from 1 to "
                + Bounds.DAY_SECONDS
                + ".")
        @Min(1)
        @Max(Bounds.DAY_SECONDS)
        @Default("10")
        Integer periodSeconds,
    @JsonPropertyDescription(
            "timeoutSeconds is how long one probe may take before it counts as failed. Defaults"
                + " to 1; from 1 to "
                + Bounds.DAY_SECONDS
                + ".")
        @Min(1)
        @Max(Bounds.DAY_SECONDS)
        @Default("1")
        Integer timeoutSeconds,
    @JsonPropertyDescription(
            "successThreshold is how many probes in a row must pass for Healthy to turn True."
                + " Defaults to 1; from 1 to "
                + Bounds.MAX_COUNT
                + ".")
        @Min(1)
        @Max(Bounds.MAX_COUNT)
        @Default("1")
        Integer successThreshold,
    @JsonPropertyDescription(
            "failureThreshold is how many probes in a row must fail for Healthy to turn False,"
                + " which fails the device for the rollout's health gate. Defaults to 3; from 1"
                + " to "
                + Bounds.MAX_COUNT
                + ".")
        @Min(1)
        @Max(Bounds.MAX_COUNT)
        @Default("3")
        Integer failureThreshold) {}
