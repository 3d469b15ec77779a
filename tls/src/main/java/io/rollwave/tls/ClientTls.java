package io.rollwave.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of a client from its {@link TlsFiles}: trusts only the given CA (or the JVM's CAs
 * when none is given), shows the client certificate when there is one, and checks that the server's
 * certificate names the host dialled (or the server name given).
 */
public final class ClientTls {
  private static final char[] NO_PASSWORD = new char[0];

  private ClientTls() {}

  public static SSLContext sslContext(TlsFiles files) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(files), trustManagers(files), null);
      return new EndpointCheckingSslContext(context, files.serverName());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
    }
  }

  /** The trust anchors: the certificates of the CA file, or the JVM's own. */
  public static TrustManager[] trustManagers(TlsFiles files)
      throws GeneralSecurityException, IOException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (files.caFile().isEmpty()) {
      tmf.init((KeyStore) null);
      return tmf.getTrustManagers();
    }
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    anchors.load(null, null);
    int n = 0;
    String flag = files.flagPrefix() + "-ca-file";
    for (X509Certificate ca : PemFiles.certificates(flag, files.caFile().get())) {
      anchors.setCertificateEntry("ca-" + n++, ca);
    }
    tmf.init(anchors);
    return tmf.getTrustManagers();
  }

  /** The client's certificate chain and key for mutual TLS, or none. */
  public static KeyManager[] keyManagers(TlsFiles files)
      throws GeneralSecurityException, IOException {
    if (!files.mutual()) {
      return null;
    }
    List<X509Certificate> chain =
        PemFiles.certificates(files.flagPrefix() + "-cert-file", files.certFile().get());
    PrivateKey key = PemFiles.privateKey(files.flagPrefix() + "-key-file", files.keyFile().get());
    if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
      throw new IllegalArgumentException(
          files.flagPrefix()
              + "-key-file "
              + files.keyFile().get()
              + " is a "
              + key.getAlgorithm()
              + " key but the certificate of "
              + files.flagPrefix()
              + "-cert-file holds a "
              + chain.get(0).getPublicKey().getAlgorithm()
              + " key: give the key that belongs to the certificate");
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, NO_PASSWORD);
    return kmf.getKeyManagers();
  }
}
