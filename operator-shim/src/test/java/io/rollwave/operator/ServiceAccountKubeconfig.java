package io.rollwave.operator;

import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rollwave.testsupport.KubeTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig that authenticates as a ServiceAccount with a token from the TokenRequest API, as a
 * pod's projected token would: the API server authorizes it by RBAC alone (no system:masters).
 */
final class ServiceAccountKubeconfig {
  private ServiceAccountKubeconfig() {}

  static Path write(KubeTestServer kube, String namespace, String serviceAccount, Path file) {
    String token;
    try (KubernetesClient admin = kube.client()) {
      token =
          admin
              .serviceAccounts()
              .inNamespace(namespace)
              .withName(serviceAccount)
              .tokenRequest(
                  new TokenRequestBuilder()
                      .withNewSpec()
                      .withExpirationSeconds(3600L)
                      .endSpec()
                      .build())
              .getStatus()
              .getToken();
    }
    Config admin = Config.fromKubeconfig(kube.kubeconfigYaml());
    String ca =
        admin.getCaCertData() != null
            ? "certificate-authority-data: " + admin.getCaCertData()
            : "certificate-authority: " + admin.getCaCertFile();
    String yaml =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: %s
            %s
        users:
        - name: %s
          user:
            token: %s
        contexts:
        - name: sa
          context: {cluster: test, user: %s}
        current-context: sa
        """
            .formatted(admin.getMasterUrl(), ca, serviceAccount, token, serviceAccount);
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
