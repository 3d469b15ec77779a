package io.rollwave.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code rollwave bench rollout ...}: one measured rollout; the figures as one JSON line. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    List<String> list = Arrays.asList(args);
    if (list.isEmpty() || !list.get(0).equals("rollout") || list.contains("--help")) {
      System.out.print(BenchOptions.USAGE);
      System.exit(list.contains("--help") ? 0 : 2);
    }
    BenchOptions options;
    Servers servers;
    try {
      options = BenchOptions.parse(list.subList(1, list.size()));
      servers = Servers.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("rollwave bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    BenchReport report = new RolloutBenchmark(options, servers, Path.of("target", "bench")).run();
    System.out.println(new ObjectMapper().writeValueAsString(report));
  }
}
