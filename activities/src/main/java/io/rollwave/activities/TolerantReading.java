package io.rollwave.activities;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.rollwave.api.Labels;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Rollwave's resources so that one the model cannot read (a value out of int range, a string
 * where a number belongs: written under an older, looser CRD, or around validation) comes out as
 * its metadata alone, annotated {@link Labels#UNREADABLE} with why, instead of an exception. An
 * exception there stops the informer that met it, and with it the operator, for as long as the
 * object exists. Whoever reads such an object skips it and says so ({@link #problemOf}).
 */
public final class TolerantReading {
  private TolerantReading() {}

  /** A Jackson module that reads {@code types} tolerantly. */
  public static SimpleModule module(Set<Class<? extends HasMetadata>> types) {
    SimpleModule module = new SimpleModule("rollwave-tolerant-reading");
    module.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(
              DeserializationConfig config,
              BeanDescription desc,
              JsonDeserializer<?> deserializer) {
            return types.contains(desc.getBeanClass())
                ? new Tolerant(deserializer, desc.getBeanClass())
                : deserializer;
          }
        });
    return module;
  }

  /**
   * Why {@code resource} could not be read, if it could not: it carries the annotation and no spec
   * (every readable one has a spec, which the CRDs require), so the mark survives copies the
   * operator's framework makes by writing and reading it again, and an annotation written by hand
   * on a readable object means nothing.
   */
  public static Optional<String> problemOf(HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    if (annotations == null
        || !annotations.containsKey(Labels.UNREADABLE)
        || (resource instanceof CustomResource<?, ?> cr && cr.getSpec() != null)) {
      return Optional.empty();
    }
    return Optional.of(annotations.get(Labels.UNREADABLE));
  }

  private static final class Tolerant extends DelegatingDeserializer {
    private final Class<?> type;

    Tolerant(JsonDeserializer<?> delegate, Class<?> type) {
      super(delegate);
      this.type = type;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new Tolerant(delegate, type);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      TokenBuffer buffer = ctxt.bufferAsCopyOfValue(p);
      try (JsonParser buffered = buffer.asParserOnFirstToken()) {
        return _delegatee.deserialize(buffered, ctxt);
      } catch (IOException | RuntimeException e) {
        return metadataOnly(buffer, ctxt, e);
      }
    }

    private Object metadataOnly(TokenBuffer buffer, DeserializationContext ctxt, Exception why)
        throws IOException {
      JsonNode tree;
      try (JsonParser buffered = buffer.asParserOnFirstToken()) {
        tree = ctxt.readTree(buffered);
      }
      ObjectMeta metadata =
          tree.hasNonNull("metadata")
              ? ctxt.readTreeAsValue(tree.get("metadata"), ObjectMeta.class)
              : new ObjectMeta();
      Map<String, String> annotations =
          metadata.getAnnotations() == null
              ? new HashMap<>()
              : new HashMap<>(metadata.getAnnotations());
      annotations.put(Labels.UNREADABLE, firstLine(why));
      metadata.setAnnotations(annotations);
      try {
        HasMetadata resource = (HasMetadata) type.getDeclaredConstructor().newInstance();
        resource.setMetadata(metadata);
        return resource;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            type.getName() + " has no public no-argument constructor", e);
      }
    }

    private static String firstLine(Exception e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      int newline = message.indexOf('\n');
      return newline < 0 ? message : message.substring(0, newline);
    }
  }
}
