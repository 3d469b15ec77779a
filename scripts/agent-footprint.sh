#!/usr/bin/env bash
# Measures the device agent's footprint: peak RSS (VmHWM) and idle CPU while it manages 5 processes
# with exec health checks every 10 s, on a local nats-server with TLS (certificates by
# scripts/nats-tls.sh), with the JVM flags of `rollwave agent`. The nats-server runs with
# decentralized JWT auth and the agent with a device credential (signing the server's nonce with the
# JDK's Ed25519, scoped to its own keys). For comparison: AGENT_FOOTPRINT_AUTH=none measures an open
# nats-server, ROLLWAVE_INSECURE_NATS=1 one without TLS.
# Usage: scripts/agent-footprint.sh [SETTLE_SECONDS=60] [MEASURE_SECONDS=120]
# Needs: ./mvnw -pl agent -am package (the agent jar and target/lib), scripts/dev-env.sh install.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SETTLE="${1:-60}"
MEASURE="${2:-120}"
NATS_BIN="${ROLLWAVE_BIN:-$HOME/.cache/rollwave/bin}/nats-server"
CP="$ROOT/agent/target/rollwave-agent-0.1.0-SNAPSHOT.jar:$ROOT/agent/target/lib/*"
[[ -x "$NATS_BIN" ]] || { echo "no $NATS_BIN: run scripts/dev-env.sh install" >&2; exit 1; }
[[ -f "${CP%%:*}" ]] || { echo "no agent jar: run ./mvnw -B -pl agent -am package -DskipTests" >&2; exit 1; }

WORK="$(mktemp -d)"
PORT=$((20000 + RANDOM % 20000))
cleanup() {
  [[ -n "${AGENT:-}" ]] && kill "$AGENT" 2>/dev/null && wait "$AGENT" 2>/dev/null || true
  [[ -n "${NATS:-}" ]] && kill "$NATS" 2>/dev/null || true
  [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT

AUTH="${AGENT_FOOTPRINT_AUTH:-jwt}"
# the test-support jar writes the operator, account and user JWTs as nsc would; BouncyCastle for it
# (not for the agent) comes from the operator's libraries
SECURE_CP="$CP:$ROOT/test-support/target/rollwave-test-support-0.1.0-SNAPSHOT.jar:$ROOT/operator-shim/target/lib/*"
PUBLISH_CP="$CP"
mkdir -p "$WORK/state"
if [[ "$AUTH" == jwt ]]; then
  cat >"$WORK/Secure.java" <<'JAVA'
import io.rollwave.api.nats.DeviceKey;
import io.rollwave.api.nats.identity.*;
import io.rollwave.testsupport.NatsAuth;
import java.nio.file.*;
import java.time.Duration;

// a secured nats-server's config, the operator's credential and the device's (in its state dir)
public class Secure {
  public static void main(String[] a) throws Exception {
    Path dir = Path.of(a[0]);
    NatsAuth auth = NatsAuth.generate();
    Files.writeString(dir.resolve("auth.conf"), auth.serverConfig(dir));
    Permissions op = OperatorPermissions.standard();
    auth.writeUserCreds(dir.resolve("operator.creds"), "operator", op.publishAllow(), op.subscribeAllow(), null);
    Permissions dev = DevicePermissions.of(DeviceKey.parse("NetworkSwitch/bench/tor1-01"));
    auth.writeUserCreds(Path.of(a[1]), "device", dev.publishAllow(), dev.subscribeAllow(), Duration.ofDays(1));
  }
}
JAVA
  java -cp "$SECURE_CP" "$WORK/Secure.java" "$WORK" "$WORK/state/nats.creds"
  PUBLISH_CP="$SECURE_CP"
fi
printf 'listen: "127.0.0.1:%s"\njetstream { store_dir: "%s" }\n' "$PORT" "$WORK/js" >"$WORK/nats.conf"
if [[ "${ROLLWAVE_INSECURE_NATS:-}" == 1 ]]; then
  echo "NATS: plain text (ROLLWAVE_INSECURE_NATS=1)"
  NATS_FLAGS=(--nats "nats://127.0.0.1:$PORT" --nats-insecure)
else
  echo "NATS: TLS"
  "$ROOT/scripts/nats-tls.sh" "$WORK/tls"
  cat >>"$WORK/nats.conf" <<CONF
tls { cert_file: "$WORK/tls/server.pem", key_file: "$WORK/tls/server-key.pem", ca_file: "$WORK/tls/ca.pem", timeout: 5 }
CONF
  NATS_FLAGS=(--nats "tls://127.0.0.1:$PORT" --nats-ca-file "$WORK/tls/ca.pem")
fi
[[ "$AUTH" == jwt ]] && cat "$WORK/auth.conf" >>"$WORK/nats.conf"
"$NATS_BIN" -c "$WORK/nats.conf" >"$WORK/nats.log" 2>&1 &
NATS=$!
printf '#!/bin/sh\ntrap "exit 0" TERM\nwhile true; do sleep 5; done\n' >"$WORK/idle.sh"
SHA="$(sha256sum "$WORK/idle.sh" | cut -d' ' -f1)"

# started by the launcher, so what is measured is what `rollwave agent` runs: its JVM flags (or
# ROLLWAVE_AGENT_JAVA_OPTS) and its CDS archive (ROLLWAVE_AGENT_CDS=off for none)
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn" "$ROOT/rollwave" agent \
  --device NetworkSwitch/bench/tor1-01 --state-dir "$WORK/state" "${NATS_FLAGS[@]}" \
  >"$WORK/agent.log" 2>&1 &
AGENT=$!

cat >"$WORK/Publish.java" <<'JAVA'
import io.nats.client.*;
import io.rollwave.api.nats.*;
import io.rollwave.tls.NatsEndpoint;
import java.util.*;
import java.nio.charset.StandardCharsets;

// the desired entries as the operator's Jackson writes them (the agent's class path has no Jackson)
public class Publish {
  public static void main(String[] a) throws Exception {
    DeviceKey device = DeviceKey.parse("NetworkSwitch/bench/tor1-01");
    Map<String, String> flags = new HashMap<>();
    for (int i = 3; i < a.length; i++) {
      flags.put(a[i].substring(2), i + 1 < a.length && !a[i + 1].startsWith("--") ? a[++i] : "true");
    }
    NatsEndpoint endpoint = NatsEndpoint.from(n -> Optional.ofNullable(flags.get(n)), Map.of());
    Options.Builder options = endpoint.options().connectionTimeout(java.time.Duration.ofSeconds(20)); // a loaded machine
    boolean secured = !a[0].equals("none");
    if (secured) options.credentialPath(a[0]); // a secured NATS: the operator makes the buckets
    try (Connection nc = endpoint.connect(options)) {
      if (secured) {
        for (String b : new String[] {Buckets.DESIRED, Buckets.STATUS, Buckets.HEARTBEAT}) {
          nc.keyValueManagement().create(io.nats.client.api.KeyValueConfiguration.builder().name(b).maxHistoryPerKey(1).build());
        }
      }
      KeyValue kv = null;
      for (int i = 0; kv == null; i++) {
        try { if (nc.keyValueManagement().getBucketNames().contains(Buckets.DESIRED)) kv = nc.keyValue(Buckets.DESIRED); }
        catch (Exception e) { if (i > 60) throw e; }
        if (kv == null) Thread.sleep(1000);
      }
      for (int n = 1; n <= 5; n++) {
        String dp = "bench-" + n;
        String json = """
            {"namespace":"bench","deviceProcess":"%s","revision":"rev1","generation":1,"spec":{\
            "deviceRef":{"kind":"%s","name":"%s"},\
            "artifact":{"type":"file","url":"%s","checksumSHA256":"%s","version":"v1"},\
            "execution":{"backend":"exec","command":["/bin/sh","${ROLLWAVE_ARTIFACT}"]},\
            "restartPolicy":"Always","healthCheck":{"exec":{"command":["/bin/true"]},\
            "initialDelaySeconds":0,"periodSeconds":10,"timeoutSeconds":1,"successThreshold":1,\
            "failureThreshold":3}}}"""
            .formatted(dp, device.kind(), device.name(), a[1], a[2]);
        kv.put(device.processKey(new ProcessId("bench", dp)), json.getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
JAVA
CREDS=none
[[ "$AUTH" == jwt ]] && CREDS="$WORK/operator.creds"
java -cp "$PUBLISH_CP" "$WORK/Publish.java" "$CREDS" "$WORK/idle.sh" "$SHA" "${NATS_FLAGS[@]}"

sleep "$SETTLE"
running=$(ls "$WORK/state/processes" 2>/dev/null | grep -c '\.json$' || true)
ticks() { awk '{print $14 + $15}' "/proc/$AGENT/stat"; }
t0=$(ticks); sleep "$MEASURE"; t1=$(ticks)
hz=$(getconf CLK_TCK)
echo "nats auth: $AUTH"
echo "processes managed: $running (expected 5)"
echo "agent JVM: $(tr '\0' ' ' <"/proc/$AGENT/cmdline" | sed 's/ -cp .*//')"
grep -E 'VmHWM|VmRSS|RssAnon|RssFile' "/proc/$AGENT/status"
awk -v d=$((t1 - t0)) -v hz="$hz" -v s="$MEASURE" \
  'BEGIN { printf "idle CPU over %d s: %.2f%% of one core\n", s, 100 * d / hz / s }'
