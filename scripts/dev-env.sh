#!/usr/bin/env bash
# Rollwave's development environment: builds the real servers from their published Go modules
# (install), runs them on loopback (up / down / status).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
# shellcheck source=versions.env
source "$SCRIPT_DIR/versions.env"

CACHE_DIR="${ROLLWAVE_CACHE:-$HOME/.cache/rollwave}"
BIN_DIR="$CACHE_DIR/bin"
BUILD_DIR="$CACHE_DIR/build"
RUN_DIR="${ROLLWAVE_RUN_DIR:-$CACHE_DIR/run}"
KUBEAPITEST_DIR="${KUBEAPITEST_DIR:-$HOME/.kubeapitest}/k8s/${K8S_VERSION}-linux-amd64"

log() { echo "dev-env: $*" >&2; }
die() { echo "dev-env: error: $*" >&2; exit 1; }

usage() {
  cat <<EOF
Usage: scripts/dev-env.sh COMMAND

Commands:
  install   build kube-apiserver, kubectl, etcd, nats-server, the Temporal CLI and helm from their
            published Go modules into $BIN_DIR, and unpack Debian's docker-registry there as
            registry (idempotent; a built binary is kept)
  up [--insecure]
            start etcd + kube-apiserver, nats-server (JetStream, TLS, JWT auth) and the Temporal
            dev server on loopback, apply Rollwave's CRDs and print the exports for a shell:
              eval "\$(scripts/dev-env.sh up)"
            NATS gets a CA and a server certificate (scripts/nats-tls.sh, in the run dir) and a
            NATS authority (./rollwave nats-authority: operator, system and Rollwave accounts);
            the exports name the CA (ROLLWAVE_NATS_CA) and the Rollwave operator's identity
            (ROLLWAVE_NATS_IDENTITY, its operator.creds as ROLLWAVE_NATS_CREDS);
            ROLLWAVE_NATS_MTLS=1 asks clients for certificates too (mutual TLS);
            --insecure (or ROLLWAVE_INSECURE=1) runs NATS open, no TLS and no auth, as before
  down      stop them and remove their data
  status    show what runs and where
  env       print the exports again for a running environment

Versions are pinned in scripts/versions.env. Set ROLLWAVE_CACHE to build elsewhere.
EOF
}

require_go() {
  command -v go >/dev/null || die "Go toolchain not found; install Go 1.23+ (Debian: apt-get install golang)"
}

# k8s.io/kubernetes replaces its staging modules with local paths, so we build it from a module of
# our own that requires it and points each staging module at its published v0.X.Y.
build_kubernetes() {
  if [[ -x "$BIN_DIR/kube-apiserver" && -x "$BIN_DIR/kubectl" ]] \
    && "$BIN_DIR/kubectl" version --client 2>/dev/null | grep -q "v${K8S_VERSION}"; then
    log "kube-apiserver and kubectl v${K8S_VERSION} already built"
    return
  fi
  local dir="$BUILD_DIR/kubernetes-${K8S_VERSION}"
  local staging="v0.${K8S_VERSION#1.}"
  mkdir -p "$dir"
  log "building kube-apiserver and kubectl v${K8S_VERSION} (staging modules at ${staging}); takes a while cold"
  local gomod
  gomod="$(cd "$dir" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@v${K8S_VERSION}" \
    | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  [[ -f "$gomod" ]] || die "could not download k8s.io/kubernetes@v${K8S_VERSION} go.mod"
  {
    echo "module rollwave.local/kubernetes-build"
    echo
    echo "go 1.24"
    echo
    echo "require k8s.io/kubernetes v${K8S_VERSION}"
    echo
    grep -E '^\s*k8s\.io/[a-z0-9-]+ => \./staging/' "$gomod" \
      | awk -v v="$staging" '{print "replace " $1 " => " $1 " " v}'
  } >"$dir/go.mod"
  cat >"$dir/tools.go" <<'EOF'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
EOF
  (cd "$dir" && go mod tidy >/dev/null 2>&1 || go mod tidy)
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w \
      -X k8s.io/component-base/version.gitVersion=v${K8S_VERSION} \
      -X k8s.io/component-base/version.gitMajor=1 \
      -X k8s.io/component-base/version.gitMinor=${K8S_VERSION#1.} \
      -X k8s.io/client-go/pkg/version.gitVersion=v${K8S_VERSION}" \
      -o "$BIN_DIR/" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl)
}

# etcd's server module has replace directives too: a tiny main calling etcdmain.Main instead.
build_etcd() {
  if [[ -x "$BIN_DIR/etcd" ]] && "$BIN_DIR/etcd" --version 2>/dev/null | grep -q "etcd Version: ${ETCD_VERSION}"; then
    log "etcd v${ETCD_VERSION} already built"
    return
  fi
  local dir="$BUILD_DIR/etcd-${ETCD_VERSION}"
  mkdir -p "$dir"
  log "building etcd v${ETCD_VERSION}"
  cat >"$dir/go.mod" <<EOF
module rollwave.local/etcd-build

go 1.24

require go.etcd.io/etcd/server/v3 v${ETCD_VERSION}
EOF
  cat >"$dir/main.go" <<'EOF'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
EOF
  (cd "$dir" && go mod tidy && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$BIN_DIR/etcd" .)
}

build_nats() {
  if [[ -x "$BIN_DIR/nats-server" ]] && "$BIN_DIR/nats-server" --version 2>/dev/null | grep -q "v${NATS_SERVER_VERSION}"; then
    log "nats-server v${NATS_SERVER_VERSION} already built"
    return
  fi
  log "building nats-server v${NATS_SERVER_VERSION}"
  GOBIN="$BIN_DIR" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" \
    "github.com/nats-io/nats-server/v2@v${NATS_SERVER_VERSION}"
}

build_temporal() {
  if [[ -x "$BIN_DIR/temporal" ]] && "$BIN_DIR/temporal" --version 2>/dev/null | grep -q "${TEMPORAL_CLI_VERSION}"; then
    log "temporal CLI ${TEMPORAL_CLI_VERSION} already built"
    return
  fi
  log "building the Temporal CLI v${TEMPORAL_CLI_VERSION} (dev server with SQLite and Web UI)"
  GOBIN="$BIN_DIR" CGO_ENABLED=0 go install -trimpath \
    -ldflags "-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}" \
    "github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}"
}

# helm.sh/helm/v4 has no replace directives: go install builds it straight from its module.
build_helm() {
  if [[ -x "$BIN_DIR/helm" ]] && "$BIN_DIR/helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "v${HELM_VERSION}"; then
    log "helm v${HELM_VERSION} already built"
    return
  fi
  log "building helm v${HELM_VERSION}"
  GOBIN="$BIN_DIR" CGO_ENABLED=0 go install -trimpath \
    -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=v${HELM_VERSION}" \
    "helm.sh/helm/v4/cmd/helm@v${HELM_VERSION}"
}

# The agent's OCI tests run a real registry: Debian's docker-registry package (distribution v2),
# fetched with apt-get download and unpacked with dpkg -x, so no root is needed; linked as
# $BIN_DIR/registry. Its version (DOCKER_REGISTRY_VERSION) is pinned in versions.env.
install_registry() {
  local dir="$BUILD_DIR/docker-registry-${DOCKER_REGISTRY_VERSION}"
  if [[ -x "$BIN_DIR/registry" && -x "$dir/root/usr/bin/docker-registry" ]]; then
    log "registry (docker-registry ${DOCKER_REGISTRY_VERSION}) already installed"
    return
  fi
  command -v apt-get >/dev/null && command -v dpkg >/dev/null \
    || die "apt-get and dpkg are needed to fetch docker-registry ${DOCKER_REGISTRY_VERSION} (Debian)"
  log "fetching docker-registry ${DOCKER_REGISTRY_VERSION} (apt-get download, dpkg -x; no root)"
  local tmp
  tmp="$(mktemp -d)"
  if ! (cd "$tmp" && apt-get download "docker-registry=${DOCKER_REGISTRY_VERSION}" >/dev/null 2>&1); then
    # a fresh machine may have no package lists yet: refresh them when we may, then try once more
    if [[ "$(id -u)" == 0 ]]; then
      log "apt-get download failed; running apt-get update and trying again"
      apt-get update -qq >/dev/null 2>&1 || true
    fi
    (cd "$tmp" && apt-get download "docker-registry=${DOCKER_REGISTRY_VERSION}" >/dev/null) \
      || die "apt-get download docker-registry=${DOCKER_REGISTRY_VERSION} failed (run apt-get update as root first)"
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  dpkg -x "$tmp"/docker-registry_*.deb "$dir/root"
  rm -rf "$tmp"
  ln -sf "$dir/root/usr/bin/docker-registry" "$BIN_DIR/registry"
}

# fabric8 kube-api-test looks for etcd, kube-apiserver and kubectl side by side under ~/.kubeapitest.
link_for_kube_api_test() {
  mkdir -p "$KUBEAPITEST_DIR"
  for b in etcd kube-apiserver kubectl; do
    ln -sf "$BIN_DIR/$b" "$KUBEAPITEST_DIR/$b"
  done
}

cmd_install() {
  require_go
  mkdir -p "$BIN_DIR" "$BUILD_DIR"
  local what=("${@:-all}")
  for w in "${what[@]}"; do
    case "$w" in
      all) build_nats; build_etcd; build_kubernetes; build_temporal; build_helm; install_registry ;;
      helm) build_helm ;;
      nats) build_nats ;;
      etcd) build_etcd ;;
      kubernetes) build_kubernetes ;;
      temporal) build_temporal ;;
      registry) install_registry ;;
      *) die "unknown component '$w' (nats, etcd, kubernetes, temporal, helm, registry or all)" ;;
    esac
  done
  if [[ -x "$BIN_DIR/etcd" && -x "$BIN_DIR/kube-apiserver" && -x "$BIN_DIR/kubectl" ]]; then
    link_for_kube_api_test
  fi
  log "binaries in $BIN_DIR:"
  ls -1 "$BIN_DIR" >&2
}

# Ports are chosen below the kernel's ephemeral range, so no server's own random ports (Temporal's
# HTTP, metrics and membership ports; any client socket) can take one between choice and bind, and
# reserved machine-wide under $PORT_LOCKS, so two environments started at once never pick the same.
PORT_LOCKS="${TMPDIR:-/tmp}/rollwave-ports"

# A free TCP port on loopback: random tries below the ephemeral range, checked by connecting and
# reserved with an atomic mkdir; a reservation whose run directory is gone is stale and reused.
free_port() {
  local p lo owner
  read -r lo _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || lo=32768
  ((lo > 11000)) || lo=61000
  mkdir -p "$PORT_LOCKS"
  for _ in $(seq 1 400); do
    p=$((10000 + RANDOM % (lo - 10000)))
    (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
    if ! mkdir "$PORT_LOCKS/$p" 2>/dev/null; then
      owner="$(cat "$PORT_LOCKS/$p/owner" 2>/dev/null || true)"
      [[ -n "$owner" && ! -d "$owner" ]] || continue
      rm -rf "$PORT_LOCKS/$p"
      mkdir "$PORT_LOCKS/$p" 2>/dev/null || continue
    fi
    echo "$RUN_DIR" >"$PORT_LOCKS/$p/owner"
    echo "$p" >>"$RUN_DIR/ports"
    echo "$p"
    return
  done
  die "no free port found on 127.0.0.1 below $lo"
}

release_ports() {
  [[ -f "$RUN_DIR/ports" ]] || return 0
  local p
  while read -r p; do
    [[ "$(cat "$PORT_LOCKS/$p/owner" 2>/dev/null || true)" == "$RUN_DIR" ]] && rm -rf "${PORT_LOCKS:?}/$p"
  done <"$RUN_DIR/ports"
  return 0
}

wait_port() { # name port pid logfile
  local name="$1" port="$2" pid="$3" logf="$4"
  for _ in $(seq 1 600); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -30 "$logf" >&2
      die "$name exited before listening on $port (log: $logf)"
    fi
    if grep -q "address already in use" "$logf" 2>/dev/null; then
      die "$name could not bind 127.0.0.1:$port: another process took it (log: $logf); run the command again"
    fi
    if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return
    fi
    sleep 0.2
  done
  die "$name did not listen on $port within 120s (log: $logf)"
}

start_bg() { # name logfile command...
  local name="$1" logf="$2"
  shift 2
  setsid nohup "$@" >"$logf" 2>&1 </dev/null &
  local pid=$!
  echo "$name $pid" >>"$RUN_DIR/pids"
  echo "$pid"
}

require_binaries() {
  for b in etcd kube-apiserver kubectl nats-server temporal; do
    [[ -x "$BIN_DIR/$b" ]] || die "$BIN_DIR/$b missing: run scripts/dev-env.sh install first"
  done
}

search_attribute_flags() {
  grep -vE '^\s*(#|$)' "$REPO_DIR/temporal-config/src/main/resources/rollwave-search-attributes.txt" \
    | while read -r sa; do printf -- '--search-attribute %s ' "$sa"; done
}

# Writes $RUN_DIR/nats.conf (JetStream, and TLS unless ROLLWAVE_INSECURE_NATS=1) and prints the
# exports NATS clients need.
nats_config() { # port insecure
  local port="$1" insecure="$2" tls="$RUN_DIR/tls" auth="$RUN_DIR/nats-auth"
  {
    echo "listen: \"127.0.0.1:$port\""
    echo "jetstream { store_dir: \"$RUN_DIR/nats\" }"
  } >"$RUN_DIR/nats.conf"
  if [[ "$insecure" == true ]]; then
    log "WARNING: nats-server OPEN on 127.0.0.1:$port (--insecure): no TLS, no auth; anyone who reaches the port can read and forge desired state and status"
    echo "export NATS_URL=nats://127.0.0.1:$port"
    echo "export ROLLWAVE_INSECURE_NATS=1"
    return
  fi
  "$SCRIPT_DIR/nats-tls.sh" "$tls"
  local verify=false
  [[ "${ROLLWAVE_NATS_MTLS:-}" == 1 ]] && verify=true
  cat >>"$RUN_DIR/nats.conf" <<EOF
tls {
  cert_file: "$tls/server.pem"
  key_file: "$tls/server-key.pem"
  ca_file: "$tls/ca.pem"
  verify: $verify
  timeout: 5
}
EOF
  log "starting nats-server (JetStream) with TLS on 127.0.0.1:$port (CA $tls/ca.pem$([[ $verify == true ]] && echo ", mutual TLS"))"
  echo "export NATS_URL=tls://127.0.0.1:$port"
  echo "export ROLLWAVE_NATS_CA=$tls/ca.pem"
  if [[ $verify == true ]]; then
    echo "export ROLLWAVE_NATS_CERT=$tls/client.pem"
    echo "export ROLLWAVE_NATS_KEY=$tls/client-key.pem"
  fi
  # ROLLWAVE_NATS_AUTH=none: TLS without JWT auth, for DevEnvIT only (the authority needs the
  # operator's build, which the test-support module comes before)
  [[ "${ROLLWAVE_NATS_AUTH:-jwt}" == none ]] && return
  log "NATS authority (JWT auth: operator, system and Rollwave accounts) in $auth"
  "$REPO_DIR/rollwave" nats-authority "$auth" >&2 || die "could not make the NATS authority in $auth"
  cat "$auth/auth.conf" >>"$RUN_DIR/nats.conf"
  echo "export ROLLWAVE_NATS_IDENTITY=$auth/identity"
  echo "export ROLLWAVE_NATS_CREDS=$auth/identity/operator.creds"
}

cmd_up() {
  local insecure=false
  [[ "${ROLLWAVE_INSECURE:-}" == 1 || "${ROLLWAVE_INSECURE_NATS:-}" == 1 ]] && insecure=true
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --insecure) insecure=true ;;
      *) die "unknown flag '$1' for up (--insecure)" ;;
    esac
    shift
  done
  require_binaries
  if [[ -f "$RUN_DIR/pids" ]]; then
    die "an environment is already up in $RUN_DIR (scripts/dev-env.sh status; down to stop it)"
  fi
  mkdir -p "$RUN_DIR"/{etcd,pki,nats,logs}
  : >"$RUN_DIR/ports"
  local etcd_port etcd_peer api_port nats_port temporal_port ui_port
  etcd_port=$(free_port); etcd_peer=$(free_port); api_port=$(free_port)
  nats_port=$(free_port); temporal_port=$(free_port); ui_port=$(free_port)

  log "starting etcd on 127.0.0.1:$etcd_port"
  local pid
  pid=$(start_bg etcd "$RUN_DIR/logs/etcd.log" "$BIN_DIR/etcd" --name rollwave \
    --data-dir "$RUN_DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "rollwave=http://127.0.0.1:$etcd_peer" --unsafe-no-fsync)
  wait_port etcd "$etcd_port" "$pid" "$RUN_DIR/logs/etcd.log"

  log "starting kube-apiserver on https://127.0.0.1:$api_port"
  openssl genrsa -out "$RUN_DIR/pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$RUN_DIR/pki/sa.key" -pubout -out "$RUN_DIR/pki/sa.pub" 2>/dev/null
  local token
  token="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
  echo "$token,rollwave-admin,rollwave-admin,system:masters" >"$RUN_DIR/pki/tokens.csv"
  pid=$(start_bg kube-apiserver "$RUN_DIR/logs/kube-apiserver.log" "$BIN_DIR/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" --bind-address 127.0.0.1 --advertise-address 127.0.0.1 \
    --secure-port "$api_port" --cert-dir "$RUN_DIR/pki" \
    --token-auth-file "$RUN_DIR/pki/tokens.csv" --authorization-mode RBAC \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$RUN_DIR/pki/sa.pub" \
    --service-account-signing-key-file "$RUN_DIR/pki/sa.key" \
    --service-cluster-ip-range 10.0.0.0/24 --disable-admission-plugins ServiceAccount)
  wait_port kube-apiserver "$api_port" "$pid" "$RUN_DIR/logs/kube-apiserver.log"
  cat >"$RUN_DIR/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: rollwave-dev
  cluster:
    server: https://127.0.0.1:$api_port
    insecure-skip-tls-verify: true
users:
- name: rollwave-admin
  user:
    token: $token
contexts:
- name: rollwave-dev
  context:
    cluster: rollwave-dev
    user: rollwave-admin
current-context: rollwave-dev
EOF
  local k=("$BIN_DIR/kubectl" --kubeconfig "$RUN_DIR/kubeconfig")
  for _ in $(seq 1 120); do
    "${k[@]}" get --raw /readyz >/dev/null 2>&1 && break
    sleep 0.5
  done
  "${k[@]}" get --raw /readyz >/dev/null || die "kube-apiserver not ready (log: $RUN_DIR/logs/kube-apiserver.log)"
  "${k[@]}" apply --server-side -f "$REPO_DIR/charts/rollwave/crds" >/dev/null
  "${k[@]}" wait --for condition=established --timeout=60s crd --all >/dev/null

  local nats_env
  nats_env="$(nats_config "$nats_port" "$insecure")"
  pid=$(start_bg nats-server "$RUN_DIR/logs/nats-server.log" "$BIN_DIR/nats-server" \
    -c "$RUN_DIR/nats.conf")
  wait_port nats-server "$nats_port" "$pid" "$RUN_DIR/logs/nats-server.log"

  log "starting the Temporal dev server on 127.0.0.1:$temporal_port (Web UI http://127.0.0.1:$ui_port)"
  # shellcheck disable=SC2046
  pid=$(start_bg temporal "$RUN_DIR/logs/temporal.log" "$BIN_DIR/temporal" server start-dev \
    --ip 127.0.0.1 --port "$temporal_port" --ui-port "$ui_port" \
    --db-filename "$RUN_DIR/temporal.db" --namespace default --log-level warn \
    $(search_attribute_flags))
  wait_port temporal "$temporal_port" "$pid" "$RUN_DIR/logs/temporal.log"

  cat >"$RUN_DIR/env" <<EOF
export KUBECONFIG=$RUN_DIR/kubeconfig
export TEMPORAL_ADDRESS=127.0.0.1:$temporal_port
export TEMPORAL_UI=http://127.0.0.1:$ui_port
$nats_env
export PATH=$BIN_DIR:\$PATH
EOF
  log "up; logs in $RUN_DIR/logs"
  cat "$RUN_DIR/env"
}

cmd_env() {
  [[ -f "$RUN_DIR/env" ]] || die "no environment is up (scripts/dev-env.sh up)"
  cat "$RUN_DIR/env"
}

cmd_status() {
  if [[ ! -f "$RUN_DIR/pids" ]]; then
    echo "down"
    return
  fi
  local name pid
  while read -r name pid; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "$name: running (pid $pid)"
    else
      echo "$name: NOT running (pid $pid gone; log $RUN_DIR/logs/$name.log)"
    fi
  done <"$RUN_DIR/pids"
  if [[ -f "$RUN_DIR/env" ]]; then grep -E 'KUBECONFIG|ADDRESS|UI|NATS' "$RUN_DIR/env" | sed 's/^export /  /'; fi
}

cmd_down() {
  if [[ -f "$RUN_DIR/pids" ]]; then
    local name pid
    tac "$RUN_DIR/pids" | while read -r name pid; do
      if kill -0 "$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL -- "-$pid" 2>/dev/null || true
        log "stopped $name (pid $pid)"
      fi
    done
  fi
  release_ports
  rm -rf "$RUN_DIR"
  log "down; removed $RUN_DIR"
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    install) cmd_install "$@" ;;
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) cmd_env ;;
    -h|--help|help|"") usage ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
}

main "$@"
