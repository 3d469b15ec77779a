package io.rollwave.operator.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.identity.IdentitySubjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers enrollment ({@code rollwave.enroll.<device>}) and renewal ({@code
 * rollwave.renew.<device>}) requests. The device is the one the subject names: only that device's
 * bootstrap user may publish the first, only its credential the second.
 */
public final class IdentityResponder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityResponder.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection nats;
  private final Enrollment enrollment;
  private final Dispatcher dispatcher;

  public IdentityResponder(Connection nats, Enrollment enrollment) {
    this.nats = nats;
    this.enrollment = enrollment;
    this.dispatcher = nats.createDispatcher(this::answer);
    dispatcher.subscribe(IdentitySubjects.ENROLL_ROOT + ".>");
    dispatcher.subscribe(IdentitySubjects.RENEW_ROOT + ".>");
  }

  private void answer(Message request) {
    if (request.getReplyTo() == null) {
      return;
    }
    boolean enroll = request.getSubject().startsWith(IdentitySubjects.ENROLL_ROOT + ".");
    Optional<DeviceKey> device =
        IdentitySubjects.deviceOf(
            enroll ? IdentitySubjects.ENROLL_ROOT : IdentitySubjects.RENEW_ROOT,
            request.getSubject());
    Enrollment.Reply reply;
    try {
      if (device.isEmpty()) {
        reply = new Enrollment.Reply(Optional.empty(), "the subject names no device");
      } else {
        JsonNode body = JSON.readTree(request.getData());
        String key = body.path("publicKey").asText("");
        reply =
            enroll
                ? enrollment.enroll(device.get(), body.path("token").asText(""), key)
                : enrollment.renew(device.get(), key);
      }
    } catch (IOException e) {
      LOG.error("{}: cannot answer: {}", request.getSubject(), e.getMessage());
      reply = new Enrollment.Reply(Optional.empty(), "the operator cannot answer now; retry");
    }
    ObjectNode out = JSON.createObjectNode();
    if (reply.jwt().isPresent()) {
      out.put("jwt", reply.jwt().get());
    } else {
      out.put("error", reply.refusal());
    }
    nats.publish(request.getReplyTo(), out.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    nats.closeDispatcher(dispatcher);
  }
}
