package io.rollwave.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MergePatchesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void removesWhatTheNewSpecLacksAndKeepsWhatIsUnchangedOut() throws Exception {
    JsonNode before =
        JSON.readTree(
            "{\"artifact\":{\"url\":\"a\",\"version\":\"1\"},"
                + "\"healthCheck\":{\"exec\":{\"command\":[\"x\"]},\"periodSeconds\":5},"
                + "\"restartPolicy\":\"Always\"}");
    JsonNode after =
        JSON.readTree(
            "{\"artifact\":{\"url\":\"b\",\"version\":\"1\"},"
                + "\"healthCheck\":{\"httpGet\":{\"port\":80},\"periodSeconds\":5},"
                + "\"restartPolicy\":\"Always\"}");

    assertThat(MergePatches.replacing(before, after))
        .isEqualTo(
            JSON.readTree(
                "{\"artifact\":{\"url\":\"b\"},"
                    + "\"healthCheck\":{\"httpGet\":{\"port\":80},\"exec\":null}}"));
  }

  /**
   * The patch applied to the old document by RFC 7386's own algorithm gives the new one (for
   * documents without nulls, which a merge patch cannot set).
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1,\"b\":{\"c\":[1,2],\"d\":\"x\"}} | {\"b\":{\"c\":[3]},\"e\":true}",
        "{\"a\":{\"b\":{\"c\":1}}} | {\"a\":{\"b\":2}}",
        "{\"a\":1} | {\"a\":1}",
        "{\"x\":{\"y\":1}} | {}",
        "{\"a\":[{\"b\":1}]} | {\"a\":[{\"b\":1},{\"c\":2}]}"
      })
  void applyingThePatchGivesTheNewDocument(String before, String after) throws Exception {
    JsonNode from = JSON.readTree(before);
    JsonNode to = JSON.readTree(after);

    assertThat(apply(from.deepCopy(), MergePatches.replacing(from, to))).isEqualTo(to);
  }

  /** RFC 7386, section 2, as written. */
  private static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject() ? (ObjectNode) target : JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }
}
