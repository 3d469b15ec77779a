package io.rollwave.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every field of every CRD has a description, so {@code kubectl explain} documents the whole API:
 * the kind, spec, status and each property below them, through lists and maps.
 */
class CrdDescriptionsTest {
  private static Map<String, CustomResourceDefinition> crds;

  @BeforeAll
  static void generated() {
    crds = CrdManifests.expected(Path.of("target/classes/META-INF/fabric8"));
  }

  @Test
  void everyFieldOfEveryCrdHasADescription() {
    assertThat(crds).as("CRDs generated from the model").hasSize(8);
    List<String> undescribed = new ArrayList<>();
    int described = 0;
    for (CustomResourceDefinition crd : crds.values()) {
      String kind = crd.getSpec().getNames().getKind();
      for (var version : crd.getSpec().getVersions()) {
        described += undescribed(kind, version.getSchema().getOpenAPIV3Schema(), undescribed);
      }
    }
    assertThat(undescribed).as("fields without a description").isEmpty();
    assertThat(described).as("fields described").isGreaterThan(200);
  }

  @Test
  void theWalkFindsAFieldWithoutADescription() {
    JSONSchemaProps leaf = new JSONSchemaProps();
    JSONSchemaProps item = new JSONSchemaProps();
    item.setProperties(Map.of("name", leaf));
    JSONSchemaProps list = new JSONSchemaProps();
    list.setDescription("a list");
    list.setItems(new JSONSchemaPropsOrArray(null, item));
    JSONSchemaProps root = new JSONSchemaProps();
    root.setDescription("the kind");
    root.setProperties(Map.of("things", list));

    List<String> undescribed = new ArrayList<>();
    undescribed("Kind", root, undescribed);

    assertThat(undescribed).containsExactly("Kind.things[].name");
  }

  /** Adds the path of each field below {@code schema} that has no description; counts the rest. */
  private static int undescribed(String path, JSONSchemaProps schema, List<String> out) {
    if (schema == null) {
      return 0;
    }
    int described = 0;
    if (schema.getDescription() == null || schema.getDescription().isBlank()) {
      out.add(path);
    } else {
      described++;
    }
    if (schema.getProperties() != null) {
      for (var field : schema.getProperties().entrySet()) {
        described += undescribed(path + "." + field.getKey(), field.getValue(), out);
      }
    }
    described +=
        below(path + "[]", schema.getItems() == null ? null : schema.getItems().getSchema(), out);
    described +=
        below(
            path + "{}",
            schema.getAdditionalProperties() == null
                ? null
                : schema.getAdditionalProperties().getSchema(),
            out);
    return described;
  }

  /** The fields of a list's items or a map's values: the list or map itself carries the words. */
  private static int below(String path, JSONSchemaProps element, List<String> out) {
    int described = 0;
    if (element != null && element.getProperties() != null) {
      for (var field : element.getProperties().entrySet()) {
        described += undescribed(path + "." + field.getKey(), field.getValue(), out);
      }
    }
    return described;
  }
}
