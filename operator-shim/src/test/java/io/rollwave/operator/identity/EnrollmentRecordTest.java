package io.rollwave.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A token works once: only one newer than the last used (or of its second but another) is new. */
class EnrollmentRecordTest {
  private static final EnrollmentRecord USED = new EnrollmentRecord("UKEY", 1000, "jti-a", false);

  @ParameterizedTest(name = "issued {0}, id {1}: unused {2}")
  @CsvSource({
    "1000, jti-a, false", // the token used
    "999, jti-z, false", // an older token
    "1000, jti-b, true", // another token of the same second
    "1001, jti-a, true" // a newer token
  })
  void acceptsOnlyATokenNotUsedBefore(long issuedAt, String id, boolean unused) {
    assertThat(USED.unused(issuedAt, id)).isEqualTo(unused);
  }
}
