package io.rollwave.agent.artifact;

import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Turns an I/O failure of a download into the condition reason and message status reports. */
public final class DownloadFailure {
  private DownloadFailure() {}

  /**
   * A TLS failure is {@code TLSHandshakeFailed} and says how to trust a private CA; anything else
   * is {@code DownloadFailed}. Both are retried: the server may be fixed, or come back.
   */
  public static ArtifactException of(String url, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof CertificateException) {
        return new ArtifactException(
            "TLSHandshakeFailed",
            "TLS with "
                + url
                + " failed: "
                + t.getMessage()
                + "; if its certificate is signed by a private CA, start the agent with"
                + " --ca-file CA.pem",
            true);
      }
    }
    return new ArtifactException("DownloadFailed", "GET " + url + " failed: " + e, true);
  }
}
