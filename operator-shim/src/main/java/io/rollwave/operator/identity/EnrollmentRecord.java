package io.rollwave.operator.identity;

/**
 * What the operator keeps per device in {@code rollwave-enrollments}: the public key its credential
 * was issued to, the newest bootstrap token used (issued-at and id: an older or the same token is
 * refused), and whether the device was revoked.
 */
public record EnrollmentRecord(
    String userKey, long tokenIssuedAt, String tokenId, boolean revoked) {
  /** Whether a token issued at {@code issuedAt} with id {@code id} has not been used. */
  boolean unused(long issuedAt, String id) {
    return issuedAt > tokenIssuedAt || (issuedAt == tokenIssuedAt && !id.equals(tokenId));
  }

  EnrollmentRecord asRevoked() {
    return new EnrollmentRecord(userKey, tokenIssuedAt, tokenId, true);
  }
}
