package io.rollwave.agent.identity;

import io.nats.client.AuthHandler;

/**
 * Answers nats-server's nonce with the device's current credential; {@link #use} swaps it (after
 * renewal) so the next reconnect presents the new one without the agent's processes noticing.
 */
public final class CredentialAuth implements AuthHandler {
  private volatile DeviceCredential credential;

  public CredentialAuth(DeviceCredential credential) {
    this.credential = credential;
  }

  public void use(DeviceCredential renewed) {
    this.credential = renewed;
  }

  public DeviceCredential current() {
    return credential;
  }

  @Override
  public byte[] sign(byte[] nonce) {
    return NKeys.sign(credential.seed(), nonce);
  }

  @Override
  public char[] getID() {
    return credential.publicKey().toCharArray();
  }

  @Override
  public char[] getJWT() {
    return credential.jwt().toCharArray();
  }
}
