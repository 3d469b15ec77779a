package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A health probe that GETs a URL on the device; a 2xx or 3xx answer is healthy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HttpGetAction(
    @JsonPropertyDescription("path is the URL path to GET. Defaults to /.") @Default("/")
        String path,
    @JsonPropertyDescription(TcpSocketAction.PORT) @Required @Min(1) @Max(65535) Integer port,
    @JsonPropertyDescription(TcpSocketAction.HOST) String host,
    @JsonPropertyDescription("scheme is HTTP or HTTPS. Defaults to HTTP.") @Default("HTTP")
        HttpScheme scheme) {}
