package io.rollwave.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.rollwave.api.deployment.DeviceProcessDeployment;
import io.rollwave.api.inventory.BMC;
import io.rollwave.api.inventory.DPU;
import io.rollwave.api.inventory.DeviceConnection;
import io.rollwave.api.inventory.NetworkSwitch;
import io.rollwave.api.inventory.SOC;
import io.rollwave.api.inventory.Server;
import io.rollwave.api.process.DeviceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The chart's CRDs as the model generates them. fabric8's generator sorts printer columns by JSON
 * path; kubectl shows them in list order, so the chart's copy puts them back in the order the
 * resource class declares them (the seed's column order). It also reads a validation rule on a
 * record component twice (from the field and from the accessor); the chart's copy keeps each rule
 * once, so the API server reports a broken rule once and spends its CEL cost budget once. And it
 * adds what the generator cannot express, from {@link Bounds}: a {@code maxLength} on the
 * int-or-percent fields (whose rules use {@link Bounds#PERCENT_PATTERN}), without which their CEL
 * rule costs too much in a list, and the label-value syntax on the values of every map named {@code
 * labels} or {@code matchLabels}.
 */
final class CrdManifests {
  static final String HEADER =
      "# Generated from the Java model in api-model (fabric8 crd-generator); do not edit.\n"
          + "# Regenerate with: scripts/sync-crds.sh\n";

  private static final List<Class<?>> RESOURCES =
      List.of(
          DeviceProcess.class,
          DeviceProcessDeployment.class,
          NetworkSwitch.class,
          SOC.class,
          Server.class,
          BMC.class,
          DPU.class,
          DeviceConnection.class);

  private CrdManifests() {}

  /**
   * CRD name (plural.group) to the CRD the chart should hold, from the build's generator output.
   */
  static Map<String, CustomResourceDefinition> expected(Path generatedDir) {
    Map<String, CustomResourceDefinition> crds = new TreeMap<>();
    for (Path file : list(generatedDir, "-v1.yml")) {
      CustomResourceDefinition crd = read(file);
      orderPrinterColumns(crd);
      crd.getSpec().getVersions().forEach(v -> complete("", v.getSchema().getOpenAPIV3Schema()));
      crds.put(crd.getMetadata().getName(), crd);
    }
    return crds;
  }

  /** CRD name to the CRD in the chart. */
  static Map<String, CustomResourceDefinition> inChart(Path chartDir) {
    Map<String, CustomResourceDefinition> crds = new TreeMap<>();
    for (Path file : list(chartDir, ".yaml")) {
      CustomResourceDefinition crd = read(file);
      crds.put(crd.getMetadata().getName(), crd);
    }
    return crds;
  }

  static void write(Path chartDir, Map<String, CustomResourceDefinition> crds) {
    try {
      Files.createDirectories(chartDir);
      for (Path old : list(chartDir, ".yaml")) {
        Files.delete(old);
      }
      for (CustomResourceDefinition crd : crds.values()) {
        Files.writeString(
            chartDir.resolve(crd.getMetadata().getName() + ".yaml"),
            HEADER + Serialization.asYaml(crd).replaceFirst("^---\n", ""));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void orderPrinterColumns(CustomResourceDefinition crd) {
    String kind = crd.getSpec().getNames().getKind();
    Class<?> resource =
        RESOURCES.stream()
            .filter(c -> c.getSimpleName().equals(kind))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no resource class for kind " + kind));
    List<String> declared =
        Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name)
            .toList();
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
      if (columns != null) {
        columns.sort(Comparator.comparingInt(c -> declared.indexOf(c.getName())));
      }
    }
  }

  private static void complete(String name, JSONSchemaProps schema) {
    if (schema == null) {
      return;
    }
    List<ValidationRule> rules = schema.getXKubernetesValidations();
    if (rules != null) {
      schema.setXKubernetesValidations(new ArrayList<>(new LinkedHashSet<>(rules)));
      if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())
          && rules.stream().anyMatch(r -> r.getRule().contains(Bounds.PERCENT_PATTERN))) {
        schema.setMaxLength((long) Bounds.MAX_PERCENT_LENGTH);
      }
    }
    if ((name.equals("labels") || name.equals("matchLabels"))
        && schema.getAdditionalProperties() != null) {
      JSONSchemaProps value = schema.getAdditionalProperties().getSchema();
      value.setMaxLength((long) Bounds.MAX_LABEL_VALUE);
      value.setPattern(Bounds.LABEL_VALUE_PATTERN);
    }
    if (name.equals("matchExpressions") && schema.getItems() != null) {
      JSONSchemaProps requirement = schema.getItems().getSchema();
      requirement.setRequired(List.of("key", "operator"));
      requirement
          .getProperties()
          .get("operator")
          .setEnum(
              Stream.of("In", "NotIn", "Exists", "DoesNotExist")
                  .<JsonNode>map(TextNode::new)
                  .toList());
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach(CrdManifests::complete);
    }
    if (schema.getItems() != null) {
      complete("", schema.getItems().getSchema());
    }
    if (schema.getAdditionalProperties() != null) {
      complete("", schema.getAdditionalProperties().getSchema());
    }
  }

  private static CustomResourceDefinition read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRD " + file, e);
    }
  }

  private static List<Path> list(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
