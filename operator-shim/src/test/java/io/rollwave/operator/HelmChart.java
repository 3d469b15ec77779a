package io.rollwave.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.rollwave.testsupport.Commands;
import io.rollwave.testsupport.RepoLayout;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** charts/rollwave rendered by the helm that dev-env.sh builds, as objects. */
final class HelmChart {
  static final String RELEASE = "rollwave";

  private HelmChart() {}

  static Path chartDir() {
    return RepoLayout.find().crdDir().getParent();
  }

  /** {@code helm template} into {@code namespace} with the required values plus {@code sets}. */
  static String template(String namespace, Map<String, String> sets) {
    return Commands.run(
        helm(List.of("template", RELEASE, chartDir().toString()), namespace, sets),
        Duration.ofSeconds(60));
  }

  /**
   * Runs helm with the chart's required values plus {@code sets}; for commands expected to fail.
   */
  static Commands.Result tryHelm(List<String> args, String namespace, Map<String, String> sets) {
    return Commands.tryRun(helm(args, namespace, sets), Map.of(), "", Duration.ofSeconds(60));
  }

  static List<HasMetadata> objects(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    KubernetesSerialization json = new KubernetesSerialization();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
        objects.add(json.unmarshal(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8))));
      }
    }
    return objects;
  }

  private static List<String> helm(List<String> args, String namespace, Map<String, String> sets) {
    List<String> command = new ArrayList<>();
    command.add(RepoLayout.binary("helm").toString());
    command.addAll(args);
    command.add("--namespace");
    command.add(namespace);
    command.add("--set");
    command.add("temporal.address=temporal.example:7233,nats.url=tls://nats.example:4222");
    sets.forEach(
        (k, v) -> {
          command.add("--set");
          command.add(k + "=" + v);
        });
    return command;
  }
}
