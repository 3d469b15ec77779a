package io.rollwave.api.deployment;

import io.rollwave.api.Labels;

/**
 * CEL rules for label keys a deployment hands on to its DeviceProcesses or selects devices with:
 * Kubernetes' own syntax (Kubernetes' CEL format library, so exactly what the API server later
 * demands of a DeviceProcess), and keys under {@link Labels#RESERVED_PREFIX} kept for Rollwave.
 */
final class LabelRules {
  /** A DNS subdomain prefix (253), a slash and a name (63). */
  static final long MAX_KEY_LENGTH = 317;

  private static final String IS_KEY = "!format.qualifiedName().validate(k).hasValue()";
  private static final String RESERVED = "k.matches('^([^/]*[.])?rollwave[.]io/')";

  /** On a string: it is a label key. */
  static final String KEY = "!format.qualifiedName().validate(self).hasValue()";

  /** On a map: every key is a label key. */
  static final String KEYS = "self.all(k, " + IS_KEY + ")";

  /** On a map: no key is under rollwave.io/ (or a subdomain of it). */
  static final String KEYS_NOT_RESERVED = "self.all(k, !" + RESERVED + ")";

  static final String KEY_MESSAGE =
      "must be a label key: an optional DNS subdomain prefix and '/', then at most 63 letters,"
          + " digits, '-', '_' or '.', starting and ending with a letter or digit (e.g. rack or"
          + " example.com/rack)";
  static final String KEYS_MESSAGE = "every key " + KEY_MESSAGE;
  static final String RESERVED_MESSAGE =
      "keys under "
          + Labels.RESERVED_PREFIX
          + " are Rollwave's own (rollwave.io/deployment names the deployment that owns a"
          + " DeviceProcess): use another prefix";

  private LabelRules() {}
}
