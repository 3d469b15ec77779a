package io.rollwave.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and keys from PEM files. A file that is not what its flag asks for fails with the
 * flag, the file and what to do, so a wrong flag is found at start.
 */
public final class PemFiles {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "RSASSA-PSS");

  private PemFiles() {}

  /** Every certificate in {@code file}; at least one. */
  public static List<X509Certificate> certificates(String flag, Path file) {
    String text = read(flag, file);
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException(
          flag + " " + file + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
    }
    try {
      List<X509Certificate> certs =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))
              .stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(flag + " " + file + ": no certificate in it");
      }
      return certs;
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          flag + " " + file + ": not a readable PEM certificate (" + e.getMessage() + ")");
    }
  }

  /** The unencrypted PKCS#8 private key in {@code file} (openssl's "BEGIN PRIVATE KEY"). */
  public static PrivateKey privateKey(String flag, Path file) {
    Matcher pem = PEM.matcher(read(flag, file));
    if (!pem.find()) {
      throw new IllegalArgumentException(
          flag + " " + file + ": no PEM private key in it (expected -----BEGIN PRIVATE KEY-----)");
    }
    String type = pem.group(1);
    if (!type.equals("PRIVATE KEY")) {
      throw new IllegalArgumentException(
          flag
              + " "
              + file
              + ": a "
              + type
              + ", not an unencrypted PKCS#8 key; convert it with: openssl pkcs8 -topk8 -nocrypt"
              + " -in "
              + file
              + " -out key.pem");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.group(2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + " " + file + ": the key's base64 is damaged");
    }
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(
        flag + " " + file + ": not a readable RSA, EC or Ed25519 private key (truncated?)");
  }

  private static String read(String flag, Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException(flag + " " + file + ": cannot be read (" + e + ")");
    }
  }
}
