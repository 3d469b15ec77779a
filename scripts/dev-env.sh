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
  install   build kube-apiserver, kubectl, etcd, nats-server and the Temporal CLI from their
            published Go modules into $BIN_DIR (idempotent; a built binary is kept)
  up        start etcd + kube-apiserver, nats-server (JetStream) and the Temporal dev server on
            loopback, apply Rollwave's CRDs and print the exports for a shell:
              eval "\$(scripts/dev-env.sh up)"
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
      all) build_nats; build_etcd; build_kubernetes; build_temporal ;;
      nats) build_nats ;;
      etcd) build_etcd ;;
      kubernetes) build_kubernetes ;;
      temporal) build_temporal ;;
      *) die "unknown component '$w' (nats, etcd, kubernetes, temporal or all)" ;;
    esac
  done
  if [[ -x "$BIN_DIR/etcd" && -x "$BIN_DIR/kube-apiserver" && -x "$BIN_DIR/kubectl" ]]; then
    link_for_kube_api_test
  fi
  log "binaries in $BIN_DIR:"
  ls -1 "$BIN_DIR" >&2
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    install) cmd_install "$@" ;;
    -h|--help|help|"") usage ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
}

main "$@"
