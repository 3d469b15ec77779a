package io.rollwave.testsupport;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real kube-apiserver and etcd (fabric8 kube-api-test, binaries from dev-env.sh, no downloads),
 * with Rollwave's CRDs from the Helm chart applied and established.
 */
public final class KubeTestServer implements AutoCloseable {
  private final KubeAPIServer server;
  private final Path kubeconfig;
  private final String kubeconfigYaml;

  private KubeTestServer(KubeAPIServer server, Path kubeconfig, String kubeconfigYaml) {
    this.server = server;
    this.kubeconfig = kubeconfig;
    this.kubeconfigYaml = kubeconfigYaml;
  }

  public static KubeTestServer start(Path workDir, RepoLayout repo) {
    String version = repo.version("K8S_VERSION");
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withApiServerVersion(version)
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                .build());
    try {
      server.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "kube-apiserver v"
              + version
              + " did not start; the binaries must be in "
              + "~/.kubeapitest/k8s/"
              + version
              + "-linux-amd64 (scripts/dev-env.sh install puts them"
              + " there)",
          e);
    }
    String yaml = server.getKubeConfigYaml();
    Path kubeconfig = workDir.resolve("kubeconfig");
    try {
      Files.writeString(kubeconfig, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KubeTestServer kube = new KubeTestServer(server, kubeconfig, yaml);
    kube.applyCrds(repo.crdDir());
    return kube;
  }

  /** A new client for this server; the caller closes it. */
  public KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();
  }

  /** Creates namespace {@code name}; a namespace that exists already is left as it is. */
  public void createNamespace(String name) {
    try (KubernetesClient client = client()) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .serverSideApply();
    }
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public String kubeconfigYaml() {
    return kubeconfigYaml;
  }

  /** Runs the built kubectl against this server; fails with its output on a non-zero exit. */
  public String kubectl(String... args) {
    return Commands.run(kubectlCommand(args), Duration.ofSeconds(60));
  }

  /** Runs kubectl and returns exit code and output, for commands expected to fail. */
  public Commands.Result tryKubectl(String stdin, String... args) {
    return Commands.tryRun(kubectlCommand(args), Map.of(), stdin, Duration.ofSeconds(60));
  }

  /** Pipes {@code yaml} to {@code kubectl apply -f -}. */
  public String kubectlApply(String yaml) {
    return Commands.run(kubectlCommand("apply", "-f", "-"), Map.of(), yaml, Duration.ofSeconds(60));
  }

  private List<String> kubectlCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(RepoLayout.binary("kubectl").toString());
    command.add("--kubeconfig");
    command.add(kubeconfig.toString());
    command.addAll(List.of(args));
    return command;
  }

  private void applyCrds(Path crdDir) {
    List<Path> files;
    try (Stream<Path> s = Files.list(crdDir)) {
      files =
          s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list CRDs in " + crdDir, e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no CRDs in " + crdDir);
    }
    try (KubernetesClient client = client()) {
      for (Path file : files) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              client.apiextensions().v1().customResourceDefinitions().load(in).item();
          client.resource(crd).serverSideApply();
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName(crd.getMetadata().getName())
              .waitUntilCondition(KubeTestServer::established, 60, TimeUnit.SECONDS);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file, e);
        }
      }
    }
  }

  /**
   * Runs {@code plant} while CRD {@code crdName} accepts any {@code spec} (as an older, looser CRD
   * version would), then restores it: objects written meanwhile stay in etcd as they are, so a test
   * can show what the operator does with objects its model cannot read.
   */
  public void aroundValidation(String crdName, Runnable plant) {
    try (KubernetesClient client = client()) {
      var crds = client.apiextensions().v1().customResourceDefinitions();
      CustomResourceDefinition original = crds.withName(crdName).get();
      CustomResourceDefinition loose = client.getKubernetesSerialization().clone(original);
      loose.getMetadata().setResourceVersion(null);
      loose.getMetadata().setManagedFields(null);
      loose.setStatus(null);
      for (var version : loose.getSpec().getVersions()) {
        var properties = version.getSchema().getOpenAPIV3Schema().getProperties();
        var anything = new io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps();
        anything.setType("object");
        anything.setXKubernetesPreserveUnknownFields(true);
        properties.put("spec", anything);
        version.getSchema().getOpenAPIV3Schema().setXKubernetesValidations(null);
      }
      client.resource(loose).forceConflicts().serverSideApply();
      crds.withName(crdName).waitUntilCondition(KubeTestServer::established, 60, TimeUnit.SECONDS);
      try {
        plant.run();
      } finally {
        original.getMetadata().setResourceVersion(null);
        original.getMetadata().setManagedFields(null);
        original.setStatus(null);
        client.resource(original).forceConflicts().serverSideApply();
        crds.withName(crdName)
            .waitUntilCondition(KubeTestServer::established, 60, TimeUnit.SECONDS);
      }
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Override
  public void close() {
    server.stop();
  }
}
