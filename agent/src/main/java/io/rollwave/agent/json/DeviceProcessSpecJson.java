package io.rollwave.agent.json;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.rollwave.api.common.DeviceRef;
import io.rollwave.api.process.Artifact;
import io.rollwave.api.process.ArtifactType;
import io.rollwave.api.process.Backend;
import io.rollwave.api.process.DeviceProcessSpec;
import io.rollwave.api.process.EnvVar;
import io.rollwave.api.process.ExecAction;
import io.rollwave.api.process.Execution;
import io.rollwave.api.process.HealthCheck;
import io.rollwave.api.process.HttpGetAction;
import io.rollwave.api.process.HttpScheme;
import io.rollwave.api.process.ProcessResources;
import io.rollwave.api.process.ResourceLimits;
import io.rollwave.api.process.RestartPolicy;
import io.rollwave.api.process.TcpSocketAction;
import java.io.IOException;
import java.util.Locale;

/**
 * A DeviceProcess spec in the JSON the operator's Jackson gives it: read from a desired entry, and
 * written byte for byte as Jackson writes it (the agent digests that to know, after a restart,
 * whether a running process still runs the desired spec; a state file written by an agent that used
 * Jackson must digest the same). Field order and null handling follow the api-model records'
 * annotations: {@code @JsonInclude(NON_NULL)} on all but {@link ExecAction}.
 */
public final class DeviceProcessSpecJson {
  private DeviceProcessSpecJson() {}

  public static DeviceProcessSpec read(JsonObject o) throws IOException {
    return new DeviceProcessSpec(
        o.object("deviceRef", DeviceProcessSpecJson::deviceRef),
        o.required("artifact", DeviceProcessSpecJson::artifact),
        o.required("execution", DeviceProcessSpecJson::execution),
        o.choice("restartPolicy", RestartPolicy.values(), RestartPolicy::name),
        o.object("healthCheck", DeviceProcessSpecJson::healthCheck));
  }

  public static void write(JsonWriter w, DeviceProcessSpec s) {
    w.beginObject()
        .fieldIfSet("deviceRef", s.deviceRef(), DeviceProcessSpecJson::deviceRef)
        .fieldIfSet("artifact", s.artifact(), DeviceProcessSpecJson::artifact)
        .fieldIfSet("execution", s.execution(), DeviceProcessSpecJson::execution)
        .fieldIfSet("restartPolicy", name(s.restartPolicy()))
        .fieldIfSet("healthCheck", s.healthCheck(), DeviceProcessSpecJson::healthCheck)
        .endObject();
  }

  /** {@code oci}, {@code http}, {@code file}: the {@code @JsonProperty} names. */
  static String wire(ArtifactType t) {
    return t.name().toLowerCase(Locale.ROOT);
  }

  /** {@code systemd}, {@code initd}, {@code container}, {@code exec}. */
  static String wire(Backend b) {
    return b.name().toLowerCase(Locale.ROOT);
  }

  private static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }

  private static DeviceRef deviceRef(JsonObject o) throws IOException {
    return new DeviceRef(o.string("kind"), o.string("name"), o.string("namespace"));
  }

  private static void deviceRef(JsonWriter w, DeviceRef r) {
    w.beginObject()
        .fieldIfSet("kind", r.kind())
        .fieldIfSet("name", r.name())
        .fieldIfSet("namespace", r.namespace())
        .endObject();
  }

  private static Artifact artifact(JsonObject o) throws IOException {
    return new Artifact(
        o.choice("type", ArtifactType.values(), DeviceProcessSpecJson::wire),
        o.string("url"),
        o.string("checksumSHA256"),
        o.string("version"),
        o.object("pullSecretRef", r -> new LocalObjectReference(r.string("name"))));
  }

  private static void artifact(JsonWriter w, Artifact a) {
    w.beginObject()
        .fieldIfSet("type", a.type() == null ? null : wire(a.type()))
        .fieldIfSet("url", a.url())
        .fieldIfSet("checksumSHA256", a.checksumSHA256())
        .fieldIfSet("version", a.version())
        .fieldIfSet(
            "pullSecretRef",
            a.pullSecretRef(),
            (out, ref) -> out.beginObject().fieldIfSet("name", ref.getName()).endObject())
        .endObject();
  }

  private static Execution execution(JsonObject o) throws IOException {
    return new Execution(
        o.choice("backend", Backend.values(), DeviceProcessSpecJson::wire),
        o.strings("command"),
        o.strings("args"),
        o.objects("env", e -> new EnvVar(e.string("name"), e.string("value"))),
        o.string("workingDir"),
        o.string("user"),
        o.object(
            "resources",
            r -> new ProcessResources(r.object("limits", DeviceProcessSpecJson::limits))));
  }

  private static void execution(JsonWriter w, Execution e) {
    w.beginObject()
        .fieldIfSet("backend", e.backend() == null ? null : wire(e.backend()))
        .stringsIfSet("command", e.command())
        .stringsIfSet("args", e.args())
        .listIfSet(
            "env",
            e.env(),
            (out, v) ->
                out.beginObject()
                    .fieldIfSet("name", v.name())
                    .fieldIfSet("value", v.value())
                    .endObject())
        .fieldIfSet("workingDir", e.workingDir())
        .fieldIfSet("user", e.user())
        .fieldIfSet(
            "resources",
            e.resources(),
            (out, r) ->
                out.beginObject()
                    .fieldIfSet("limits", r.limits(), DeviceProcessSpecJson::limits)
                    .endObject())
        .endObject();
  }

  private static ResourceLimits limits(JsonObject o) throws IOException {
    return new ResourceLimits(quantity(o, "memory"), quantity(o, "cpu"));
  }

  private static void limits(JsonWriter w, ResourceLimits l) {
    w.beginObject()
        .fieldIfSet("memory", text(l.memory()))
        .fieldIfSet("cpu", text(l.cpu()))
        .endObject();
  }

  /**
   * A quantity as fabric8's serializer writes it, {@code "64Mi"}, or a plain number; one fabric8
   * cannot parse is an error naming the field.
   */
  private static Quantity quantity(JsonObject o, String name) throws IOException {
    String text = o.scalar(name);
    if (text == null) {
      return null;
    }
    try {
      return new Quantity(text);
    } catch (IllegalArgumentException e) {
      throw new IOException(o.pathOf(name) + ": not a quantity: " + e.getMessage(), e);
    }
  }

  /** As fabric8's Quantity serializer: amount, then format. */
  private static String text(Quantity q) {
    if (q == null) {
      return null;
    }
    return (q.getAmount() == null ? "" : q.getAmount())
        + (q.getFormat() == null ? "" : q.getFormat());
  }

  private static HealthCheck healthCheck(JsonObject o) throws IOException {
    return new HealthCheck(
        o.object("exec", e -> new ExecAction(e.strings("command"))),
        o.object(
            "httpGet",
            h ->
                new HttpGetAction(
                    h.string("path"),
                    h.integer("port"),
                    h.string("host"),
                    h.choice("scheme", HttpScheme.values(), HttpScheme::name))),
        o.object("tcpSocket", t -> new TcpSocketAction(t.integer("port"), t.string("host"))),
        o.integer("initialDelaySeconds"),
        o.integer("periodSeconds"),
        o.integer("timeoutSeconds"),
        o.integer("successThreshold"),
        o.integer("failureThreshold"));
  }

  private static void healthCheck(JsonWriter w, HealthCheck h) {
    w.beginObject()
        .fieldIfSet(
            "exec",
            h.exec(),
            (out, e) ->
                out.beginObject().list("command", e.command(), JsonWriter::string).endObject())
        .fieldIfSet(
            "httpGet",
            h.httpGet(),
            (out, g) ->
                out.beginObject()
                    .fieldIfSet("path", g.path())
                    .fieldIfSet("port", g.port())
                    .fieldIfSet("host", g.host())
                    .fieldIfSet("scheme", name(g.scheme()))
                    .endObject())
        .fieldIfSet(
            "tcpSocket",
            h.tcpSocket(),
            (out, t) ->
                out.beginObject()
                    .fieldIfSet("port", t.port())
                    .fieldIfSet("host", t.host())
                    .endObject())
        .fieldIfSet("initialDelaySeconds", h.initialDelaySeconds())
        .fieldIfSet("periodSeconds", h.periodSeconds())
        .fieldIfSet("timeoutSeconds", h.timeoutSeconds())
        .fieldIfSet("successThreshold", h.successThreshold())
        .fieldIfSet("failureThreshold", h.failureThreshold())
        .endObject();
  }
}
