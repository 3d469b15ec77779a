package io.rollwave.operator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rollwave.api.deployment.DeviceProcessTemplate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names a template's revision by its content, as a DaemonSet's controller-revision-hash does: the
 * first 10 hex digits of the SHA-256 of its canonical JSON (keys sorted, nulls left out). The same
 * template always gets the same name; any change gets another.
 */
public final class RevisionHasher {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .build();

  private RevisionHasher() {}

  public static String hash(DeviceProcessTemplate template) {
    try {
      byte[] json = CANONICAL.writeValueAsBytes(CANONICAL.valueToTree(template));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash template", e);
    }
  }
}
