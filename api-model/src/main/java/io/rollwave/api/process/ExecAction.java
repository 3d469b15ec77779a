package io.rollwave.api.process;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A health probe that runs a command; exit code 0 is healthy. */
public record ExecAction(@Required @Size(min = 1) List<String> command) {}
