package io.rollwave.activities;

import io.rollwave.api.Labels;
import io.rollwave.api.process.DeviceProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON patch (RFC 6902) that sets a DeviceProcess to a revision's spec; pure. */
final class RevisionPatch {
  private RevisionPatch() {}

  static List<Map<String, Object>> of(
      DeviceProcess dp, Object spec, String revision, String setAt) {
    List<Map<String, Object>> ops = new ArrayList<>();
    Map<String, String> annotations = dp.getMetadata().getAnnotations();
    boolean noAnnotations = annotations == null || annotations.isEmpty();
    if (noAnnotations && dp.getMetadata().getResourceVersion() != null) {
      ops.add(
          Map.of(
              "op", "test",
              "path", "/metadata/resourceVersion",
              "value", dp.getMetadata().getResourceVersion()));
    }
    ops.add(Map.of("op", "replace", "path", "/spec", "value", spec));
    ops.add(
        Map.of(
            "op",
            "add",
            "path",
            "/metadata/labels/" + pointer(Labels.REVISION),
            "value",
            revision));
    ops.add(
        noAnnotations
            ? Map.of(
                "op", "add",
                "path", "/metadata/annotations",
                "value", Map.of(Labels.REVISION_SET_AT, setAt))
            : Map.of(
                "op",
                "add",
                "path",
                "/metadata/annotations/" + pointer(Labels.REVISION_SET_AT),
                "value",
                setAt));
    return ops;
  }

  /** A map key as one JSON pointer token (RFC 6901). */
  static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
