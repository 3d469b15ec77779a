package io.rollwave.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** JSON merge patches (RFC 7386), pure. */
public final class MergePatches {
  private MergePatches() {}

  /**
   * The merge patch that turns {@code before} into {@code after} exactly: changed and new fields
   * set, fields {@code after} lacks set to null (removed), objects compared field by field, arrays
   * and scalars replaced whole.
   */
  public static JsonNode replacing(JsonNode before, JsonNode after) {
    if (before == null || !before.isObject() || !after.isObject()) {
      return after;
    }
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = after.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode old = before.get(field.getKey());
      if (!field.getValue().equals(old)) {
        patch.set(field.getKey(), replacing(old, field.getValue()));
      }
    }
    for (Iterator<String> it = before.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!after.has(name)) {
        patch.putNull(name);
      }
    }
    return patch;
  }
}
