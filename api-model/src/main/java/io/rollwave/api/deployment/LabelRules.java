package io.rollwave.api.deployment;

import io.rollwave.api.Labels;

/**
 * CEL rules for label keys and values a deployment hands on to its DeviceProcesses or matches
 * devices with: Kubernetes' own syntax (Kubernetes' CEL format library, so exactly what the API
 * server later demands of a DeviceProcess), and keys under {@link Labels#RESERVED_PREFIX} kept for
 * Rollwave.
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

  /** On a map: every value is a label value. */
  static final String VALUES = "self.all(k, !format.labelValue().validate(self[k]).hasValue())";

  /** On a map: no key is under rollwave.io/ (or a subdomain of it). */
  static final String KEYS_NOT_RESERVED = "self.all(k, !" + RESERVED + ")";

  /** On a deployment's spec: every key of {@code selector.matchLabels} is a label key. */
  static final String SELECTOR_KEYS =
      "!has(self.selector.matchLabels) || self.selector.matchLabels.all(k, " + IS_KEY + ")";

  /** On a deployment's spec: every value of {@code selector.matchLabels} is a label value. */
  static final String SELECTOR_VALUES =
      "!has(self.selector.matchLabels) || self.selector.matchLabels.all(k,"
          + " !format.labelValue().validate(self.selector.matchLabels[k]).hasValue())";

  /**
   * On a deployment's spec: each of {@code selector.matchExpressions} has a label key and one of
   * the four operators; In and NotIn take values, Exists and DoesNotExist none (as for a Pod's
   * selector).
   */
  static final String SELECTOR_EXPRESSIONS =
      "!has(self.selector.matchExpressions) || self.selector.matchExpressions.all(e,"
          + " !format.qualifiedName().validate(e.key).hasValue()"
          + " && (e.operator in ['In', 'NotIn']"
          + " ? has(e.values) && size(e.values) > 0"
          + " : e.operator in ['Exists', 'DoesNotExist'] && (!has(e.values) || size(e.values) == 0)))";

  static final String KEY_MESSAGE =
      "must be a label key: an optional DNS subdomain prefix and '/', then at most 63 letters,"
          + " digits, '-', '_' or '.', starting and ending with a letter or digit (e.g. rack or"
          + " example.com/rack)";
  static final String KEYS_MESSAGE = "every key " + KEY_MESSAGE;
  static final String VALUES_MESSAGE =
      "every value must be a label value: at most 63 letters, digits, '-', '_' or '.', starting"
          + " and ending with a letter or digit, or empty";
  static final String RESERVED_MESSAGE =
      "keys under "
          + Labels.RESERVED_PREFIX
          + " are Rollwave's own (rollwave.io/deployment names the deployment that owns a"
          + " DeviceProcess): use another prefix";

  static final String SELECTOR_EXPRESSIONS_MESSAGE =
      "each of selector.matchExpressions needs a label key and an operator of In, NotIn, Exists"
          + " or DoesNotExist; In and NotIn need values, Exists and DoesNotExist take none";

  private LabelRules() {}
}
