package io.rollwave.agent.state;

import io.rollwave.agent.json.JsonObject;
import io.rollwave.agent.json.JsonWriter;
import java.io.IOException;

/**
 * A state file's JSON: every field of {@link ProcessRecord} in its order, as Jackson wrote it for
 * earlier agents, so files from before and after read alike. Absent numbers read as 0 and absent
 * strings as null (the store then refuses a record without name, pid or start time).
 */
final class ProcessRecordJson {
  private ProcessRecordJson() {}

  static byte[] write(ProcessRecord record) {
    return JsonWriter.toBytes(
        record,
        (w, r) ->
            w.beginObject()
                .field("deviceProcess", r.deviceProcess())
                .field("backend", r.backend())
                .field("revision", r.revision())
                .field("generation", r.generation())
                .field("specDigest", r.specDigest())
                .field("artifactPath", r.artifactPath())
                .field("pid", r.pid())
                .field("processStartedAt", r.processStartedAt())
                .field("startTime", r.startTime())
                .field("restartCount", r.restartCount())
                .field("previousArtifactPath", r.previousArtifactPath())
                .endObject());
  }

  static ProcessRecord read(byte[] json) throws IOException {
    JsonObject o = JsonObject.parse(json);
    return new ProcessRecord(
        o.string("deviceProcess"),
        o.string("backend"),
        o.string("revision"),
        o.longValue("generation", 0),
        o.string("specDigest"),
        o.string("artifactPath"),
        o.longValue("pid", 0),
        o.string("processStartedAt"),
        o.string("startTime"),
        o.intValue("restartCount", 0),
        o.string("previousArtifactPath"));
  }
}
