package io.rollwave.api.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A health probe that GETs a URL on the device; a 2xx or 3xx answer is healthy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HttpGetAction(
    @Default("/") String path,
    @Required @Min(1) @Max(65535) Integer port,
    String host,
    @Default("HTTP") HttpScheme scheme) {}
