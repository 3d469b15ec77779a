package io.rollwave.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.event.Level;

class JsonLogProviderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-07T22:50:01.120Z");

  @AfterEach
  void clearLevels() {
    System.clearProperty(JsonLogProvider.LEVEL_PROPERTY);
    System.clearProperty(JsonLogProvider.LEVEL_PROPERTY + ".io.rollwave");
    System.clearProperty(JsonLogProvider.LEVEL_PROPERTY + ".io.rollwave.operator.Chatty");
  }

  @ParameterizedTest(name = "message {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "plain words",
        "a \"quoted\" name and a back\\slash",
        "two\nlines\tand a tab",
        "a control char \u0001 and unicode é ✓"
      })
  void everyMessageIsOneLineOfJsonThatReadsBackUnchanged(String message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    logger("io.rollwave.operator.DeploymentReconciler", out).info("{}", message);
    String written = out.toString(StandardCharsets.UTF_8);
    assertThat(written.lines()).hasSize(1);
    JsonNode line = JSON.readTree(written);
    assertThat(line.path("message").asText()).isEqualTo(message);
    assertThat(line.path("time").asText()).isEqualTo("2026-12-07T22:50:01.120Z");
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("logger").asText()).isEqualTo("io.rollwave.operator.DeploymentReconciler");
    assertThat(line.path("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(line.has("error")).isFalse();
  }

  @Test
  void anExceptionGoesInErrorWithItsStackTrace() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    logger("x", out)
        .warn("dpd {}/{}: patch failed", "infra", "agent", new IllegalStateException("boom"));
    JsonNode line = JSON.readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(line.path("message").asText()).isEqualTo("dpd infra/agent: patch failed");
    assertThat(line.path("level").asText()).isEqualTo("WARN");
    assertThat(line.path("error").asText())
        .startsWith("java.lang.IllegalStateException: boom")
        .contains("at io.rollwave.operator.logging.JsonLogProviderTest");
  }

  @ParameterizedTest(name = "default {0}, package {1}, logger {2}: {3} enabled {4}")
  @CsvSource({
    ",      ,      , INFO,  true",
    ",      ,      , DEBUG, false",
    "debug, ,      , DEBUG, true",
    "warn,  ,      , INFO,  false",
    "warn,  info,  , INFO,  true",
    "debug, warn,  , INFO,  false",
    "debug, warn,  error, WARN, false",
    "error, error, TRACE, TRACE, true"
  })
  void theNearestLevelSetWins(String all, String pkg, String own, Level level, boolean enabled) {
    set(JsonLogProvider.LEVEL_PROPERTY, all);
    set(JsonLogProvider.LEVEL_PROPERTY + ".io.rollwave", pkg);
    set(JsonLogProvider.LEVEL_PROPERTY + ".io.rollwave.operator.Chatty", own);
    Logger chatty = logger("io.rollwave.operator.Chatty", new ByteArrayOutputStream());
    assertThat(chatty.isEnabledForLevel(level)).isEqualTo(enabled);
  }

  @Test
  void anUnknownLevelIsRefusedNamingTheProperty() {
    System.setProperty(JsonLogProvider.LEVEL_PROPERTY, "loud");
    assertThatThrownBy(() -> JsonLogProvider.levelOf("x"))
        .hasMessage("-Drollwave.log.level=loud: use one of trace, debug, info, warn, error");
  }

  /**
   * Selected with the chart's flags beside slf4j-simple: only JSON comes out (SLF4J's own note
   * about the chosen provider is silenced by its internal verbosity).
   */
  @Test
  void slf4jUsesItWhenNamedAndOnlyThen() throws Exception {
    assertThat(
            run(
                "-Dslf4j.provider=" + JsonLogProvider.class.getName(),
                "-Dslf4j.internal.verbosity=WARN"))
        .singleElement()
        .satisfies(l -> assertThat(JSON.readTree(l).path("message").asText()).isEqualTo("hello 7"));
    assertThat(run()).singleElement().asString().contains("INFO", "hello 7").doesNotStartWith("{");
  }

  private static List<String> run(String... flags) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(flags));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), LogsOneLine.class.getName()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return output.lines().toList();
  }

  private static void set(String property, String value) {
    if (value != null) {
      System.setProperty(property, value);
    }
  }

  private static Logger logger(String name, ByteArrayOutputStream out) {
    return new JsonLogProvider(
            new PrintStream(out, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC))
        .getLoggerFactory()
        .getLogger(name);
  }
}
