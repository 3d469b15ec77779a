package io.rollwave.agent.identity;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.support.JsonParseException;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The agent's side of enrollment and renewal requests: a JWT back, or the operator's refusal. */
final class IdentityRequests {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private IdentityRequests() {}

  /** Thrown when the operator answered no: retrying will not help. */
  static final class Refused extends Exception {
    Refused(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * The JWT the operator issued for {@code publicKey}; an IOException when nobody answered (the
   * operator down or NATS unreachable: retry).
   */
  static String request(Connection nats, String subject, String body, String publicKey)
      throws IOException, Refused, InterruptedException {
    Message reply = nats.request(subject, body.getBytes(StandardCharsets.UTF_8), TIMEOUT);
    if (reply == null || reply.isStatusMessage()) {
      throw new IOException("no answer on " + subject + " (is the operator running?)");
    }
    JsonValue answer;
    try {
      answer = JsonParser.parse(new String(reply.getData(), StandardCharsets.UTF_8));
    } catch (JsonParseException e) {
      throw new IOException("unreadable answer on " + subject + ": " + e.getMessage());
    }
    JsonValue error = answer.map == null ? null : answer.map.get("error");
    if (error != null && error.string != null) {
      throw new Refused(error.string);
    }
    JsonValue jwt = answer.map == null ? null : answer.map.get("jwt");
    if (jwt == null || jwt.string == null) {
      throw new IOException("the answer on " + subject + " holds no JWT");
    }
    DeviceCredential check = new DeviceCredential(jwt.string, "");
    if (!publicKey.equals(check.publicKey())) {
      throw new Refused("the operator issued a JWT for another key (" + check.publicKey() + ")");
    }
    return jwt.string;
  }

  static String json(String... keysAndValues) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.append(i == 0 ? "" : ",")
          .append('"')
          .append(keysAndValues[i])
          .append("\":\"")
          .append(keysAndValues[i + 1])
          .append('"');
    }
    return out.append('}').toString();
  }
}
