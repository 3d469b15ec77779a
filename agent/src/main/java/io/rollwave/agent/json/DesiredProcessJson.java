package io.rollwave.agent.json;

import io.rollwave.api.nats.DesiredProcess;
import io.rollwave.api.nats.PullSecret;
import java.io.IOException;

/**
 * Reads a {@code rollwave-desired} entry as the operator's Jackson writes it. Unknown fields are
 * ignored and absent optional ones are null (generation 0); an entry without a spec, artifact or
 * execution, or with a field of the wrong type, is an {@link IOException} saying which.
 */
public final class DesiredProcessJson {
  private DesiredProcessJson() {}

  public static DesiredProcess read(byte[] json) throws IOException {
    JsonObject o = JsonObject.parse(json);
    return new DesiredProcess(
        o.string("namespace"),
        o.string("deviceProcess"),
        o.string("revision"),
        o.longValue("generation", 0),
        o.required("spec", DeviceProcessSpecJson::read),
        o.object(
            "pullSecret",
            p ->
                new PullSecret(
                    p.string("name"), p.string("dockerConfigJson"), p.string("problem"))));
  }
}
