package io.rollwave.operator.identity;

import io.nats.client.NKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operator's NATS authority, from one directory (a mounted Secret): its own user credential,
 * the Rollwave account's id and signing key (issues device credentials and bootstrap tokens), a
 * NATS operator signing key and a system-account user that may only update this account's JWT
 * (revocations).
 */
public record NatsIdentity(
    Path operatorCreds,
    String accountId,
    NKey accountSigning,
    NKey operatorSigning,
    Path accountUpdaterCreds) {
  public static final String OPERATOR_CREDS = "operator.creds";
  public static final String ACCOUNT_ID = "account.id";
  public static final String ACCOUNT_SIGNING_SEED = "account-signing.nk";
  public static final String OPERATOR_SIGNING_SEED = "operator-signing.nk";
  public static final String ACCOUNT_UPDATER_CREDS = "account-updater.creds";

  @Override
  public String toString() {
    return "NatsIdentity[account " + accountId + "]";
  }

  /** Reads {@code dir}; a missing file fails naming it and what it is for. */
  public static NatsIdentity load(Path dir) {
    return new NatsIdentity(
        existing(dir, OPERATOR_CREDS, "the operator's NATS user credential"),
        read(dir, ACCOUNT_ID, "the Rollwave account's public key (A...)"),
        NKey.fromSeed(
            read(dir, ACCOUNT_SIGNING_SEED, "the account signing seed (SA...)").toCharArray()),
        NKey.fromSeed(
            read(dir, OPERATOR_SIGNING_SEED, "a NATS operator signing seed (SO...)").toCharArray()),
        existing(
            dir,
            ACCOUNT_UPDATER_CREDS,
            "a system-account user that may publish $SYS.REQ.ACCOUNT.<id>.CLAIMS.>"));
  }

  private static Path existing(Path dir, String name, String what) {
    Path file = dir.resolve(name);
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "--nats-identity " + dir + ": " + name + " (" + what + ") is missing or unreadable");
    }
    return file;
  }

  private static String read(Path dir, String name, String what) {
    try {
      return Files.readString(existing(dir, name, what)).trim();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--nats-identity " + dir + ": cannot read " + name + ": " + e.getMessage());
    }
  }
}
