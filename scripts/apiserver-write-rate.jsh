// The API server's DeviceProcess-sized write rate from one otherwise idle client, 16 requests at a
// time: creates, then merge patches, then status patches of 1,000 NetworkSwitch objects.
//   eval "$(scripts/dev-env.sh up)"; ./mvnw -q -B package -DskipTests -pl bench -am
//   jshell --class-path "bench/target/rollwave-bench-0.1.0-SNAPSHOT.jar:$(ls bench/target/lib/*.jar | tr '\n' ':')" \
//     -R-Dorg.slf4j.simpleLogger.defaultLogLevel=error < scripts/apiserver-write-rate.jsh
import io.fabric8.kubernetes.api.model.*;
import io.fabric8.kubernetes.client.*;
import io.fabric8.kubernetes.client.dsl.base.*;
import io.rollwave.api.inventory.*;
import java.util.concurrent.*;
var c = new KubernetesClientBuilder().withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(java.nio.file.Files.readString(java.nio.file.Path.of(System.getenv("KUBECONFIG"))))).build();
var ns = "write-rate-" + System.currentTimeMillis();
c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
var pool = Executors.newFixedThreadPool(16);
interface Op { void run(int n) throws Exception; }
void timed(String what, Op op) throws Exception { var fs = new java.util.ArrayList<Future<?>>(); long t0 = System.nanoTime(); for (int i = 0; i < 1000; i++) { int n = i; fs.add(pool.submit(() -> { op.run(n); return null; })); } for (var f : fs) f.get(); System.out.printf("%s: 1000 in %d ms%n", what, (System.nanoTime() - t0) / 1_000_000); }
timed("create", n -> { var s = new NetworkSwitch(); s.setMetadata(new ObjectMetaBuilder().withName("sw-" + n).withNamespace(ns).addToLabels("type", "switch").build()); s.setSpec(new DeviceSpec(null, null, "tor-48x25g", null, null)); c.resource(s).create(); });
timed("merge patch", n -> c.resources(NetworkSwitch.class).inNamespace(ns).withName("sw-" + n).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"rack\":\"r1\"}}}"));
c.resources(NetworkSwitch.class).inNamespace(ns).delete();
c.namespaces().withName(ns).delete();
System.exit(0);
