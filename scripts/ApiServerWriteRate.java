// The API server's write rate for small custom resources, and the CPU each write costs the client,
// kube-apiserver and etcd. One round of creates, then rounds of merge patches, N objects a round,
// P requests in flight; with --watch ws|http the same JVM also keeps an informer on them, as the
// operator does. Later rounds show a warmed-up client: the first rounds pay for the JIT.
//
//   eval "$(scripts/dev-env.sh up)"; ./mvnw -q -B package -DskipTests -pl bench -am
//   java -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
//     -cp "bench/target/rollwave-bench-0.1.0-SNAPSHOT.jar:$(ls bench/target/lib/*.jar | tr '\n' ':')" \
//     scripts/ApiServerWriteRate.java [N=2000] [P=16] [rounds=8] [--watch none|ws|http]
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.rollwave.api.inventory.DeviceSpec;
import io.rollwave.api.inventory.NetworkSwitch;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

public class ApiServerWriteRate {
  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    String watch = "none";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--watch")) {
        watch = args[++i];
      } else {
        positional.add(args[i]);
      }
    }
    int n = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 2000;
    int parallel = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 16;
    int rounds = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 8;
    String ns = "write-rate-" + System.currentTimeMillis();
    KubernetesClient writer = client(false);
    KubernetesClient watcher = client(watch.equals("http"));
    writer
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    AtomicLong events = new AtomicLong();
    if (!watch.equals("none")) {
      watcher
          .resources(NetworkSwitch.class)
          .inNamespace(ns)
          .inform(
              new ResourceEventHandler<NetworkSwitch>() {
                @Override
                public void onAdd(NetworkSwitch s) {
                  events.incrementAndGet();
                }

                @Override
                public void onUpdate(NetworkSwitch old, NetworkSwitch s) {
                  events.incrementAndGet();
                }

                @Override
                public void onDelete(NetworkSwitch s, boolean unknown) {}
              },
              0);
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    System.out.printf(
        "%d objects a round, %d in flight, watch %s, client %s%n",
        n, parallel, watch, writer.getHttpClient().getClass().getSimpleName());
    try {
      for (int round = 0; round < rounds; round++) {
        int r = round;
        long apiserver = cpuTicks("kube-apiserver");
        long etcd = cpuTicks("etcd");
        long self = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Future<?>> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          String name = "sw-" + i;
          requests.add(pool.submit(() -> write(writer, ns, name, r)));
        }
        for (Future<?> f : requests) {
          f.get();
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!watch.equals("none")
            && events.get() < (long) n * (r + 1)
            && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf(
            "round %d (%s): %d in %.0f ms = %.0f/s; CPU ms per write: this JVM %.2f,"
                + " kube-apiserver %.2f, etcd %.2f%n",
            r,
            r == 0 ? "create" : "merge patch",
            n,
            ms,
            n * 1000 / ms,
            (os.getProcessCpuTime() - self) / 1e6 / n,
            (cpuTicks("kube-apiserver") - apiserver) * 10.0 / n,
            (cpuTicks("etcd") - etcd) * 10.0 / n);
      }
    } finally {
      writer.resources(NetworkSwitch.class).inNamespace(ns).delete();
      writer.namespaces().withName(ns).delete();
      System.exit(0);
    }
  }

  private static Void write(KubernetesClient c, String ns, String name, int round) {
    if (round == 0) {
      NetworkSwitch s = new NetworkSwitch();
      s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
      s.setSpec(new DeviceSpec(null, null, "tor-48x25g", null, null));
      c.resource(s).create();
    } else {
      c.resources(NetworkSwitch.class)
          .inNamespace(ns)
          .withName(name)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"metadata\":{\"labels\":{\"round\":\"" + round + "\"}}}");
    }
    return null;
  }

  private static KubernetesClient client(boolean httpWatches) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(Path.of(System.getenv("KUBECONFIG"))));
    config.setOnlyHttpWatches(httpWatches);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** User + system CPU of every process named {@code name}, in clock ticks (1/100 s). */
  private static long cpuTicks(String name) throws Exception {
    long ticks = 0;
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          if (!Files.readString(p.resolve("comm")).trim().equals(name)) {
            continue;
          }
          String[] f = Files.readString(p.resolve("stat")).split("\\) ")[1].split(" ");
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (java.io.IOException gone) {
          // the process ended between the listing and the read
        }
      }
    }
    return ticks;
  }
}
