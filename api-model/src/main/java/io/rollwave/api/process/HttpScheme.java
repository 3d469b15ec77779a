package io.rollwave.api.process;

/** The scheme of an HTTP health probe. */
public enum HttpScheme {
  HTTP,
  HTTPS
}
