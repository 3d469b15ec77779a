package io.rollwave.agent.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for artifact downloads: the JVM's own CAs plus the CA certificates of each {@code
 * --ca-file}, so a device can fetch from a server or registry signed by a private CA without
 * touching the JVM's cacerts.
 */
public final class ArtifactTrust {
  private ArtifactTrust() {}

  /**
   * The trust of {@link #sslContext}, built when first asked for. The {@code caFiles} are read at
   * once, so a wrong flag still fails at start; the JVM's own CAs alone are read on the first https
   * download, which a device fetching only file artifacts never makes.
   */
  public static Supplier<SSLContext> lazy(List<Path> caFiles) {
    if (!caFiles.isEmpty()) {
      SSLContext checked = sslContext(caFiles);
      return () -> checked;
    }
    return new Supplier<>() {
      private SSLContext context;

      @Override
      public synchronized SSLContext get() {
        if (context == null) {
          context = sslContext(List.of());
        }
        return context;
      }
    };
  }

  /**
   * An SSLContext trusting the JVM's CAs and those in {@code caFiles}; a file without a certificate
   * fails with its name, so a wrong flag is found at start.
   */
  public static SSLContext sslContext(List<Path> caFiles) {
    if (caFiles.isEmpty()) {
      try {
        return SSLContext.getDefault();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JVM has no default TLS context", e);
      }
    }
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      int n = 0;
      for (X509Certificate jvmCa : jvmTrustManager().getAcceptedIssuers()) {
        anchors.setCertificateEntry("jvm-" + n++, jvmCa);
      }
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      for (Path file : caFiles) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
          certs = x509.generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
          throw new IllegalArgumentException(
              "--ca-file " + file + ": not readable as PEM certificates: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
          throw new IllegalArgumentException("--ca-file " + file + ": no certificate in it");
        }
        for (Certificate cert : certs) {
          anchors.setCertificateEntry("ca-file-" + n++, cert);
        }
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(anchors);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the TLS trust for artifact downloads", e);
    }
  }

  private static X509TrustManager jvmTrustManager() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("this JVM has no X.509 trust manager");
  }
}
