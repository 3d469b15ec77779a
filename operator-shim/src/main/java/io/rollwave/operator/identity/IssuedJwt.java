package io.rollwave.operator.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.NKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** A JWT's claims, once its Ed25519 signature by the expected issuer has been checked. */
record IssuedJwt(JsonNode claims) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The claims of {@code jwt} if {@code issuer} signed it; empty for anything else. */
  static Optional<IssuedJwt> verify(String jwt, String issuer) {
    String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!issuer.equals(claims.path("iss").asText())) {
        return Optional.empty();
      }
      byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
      byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
      return NKey.fromPublicKey(issuer.toCharArray()).verify(signed, signature)
          ? Optional.of(new IssuedJwt(claims))
          : Optional.empty();
    } catch (Exception malformed) { // any undecodable token is simply not ours
      return Optional.empty();
    }
  }

  String name() {
    return claims.path("name").asText();
  }

  String id() {
    return claims.path("jti").asText();
  }

  long issuedAt() {
    return claims.path("iat").asLong();
  }

  /** Epoch seconds; 0 for never. */
  long expiresAt() {
    return claims.path("exp").asLong(0);
  }
}
