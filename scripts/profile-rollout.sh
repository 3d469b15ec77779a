#!/usr/bin/env bash
# Profiles the rollout phase of a running `rollwave bench rollout`: waits for the benchmark's
# "installed in" log line, then for SECONDS (default 60) records
#   cpu.txt           CPU seconds each server and JVM used (kube-apiserver, etcd, nats-server,
#                     temporal, the operator, the benchmark's JVM with its simulated agents)
#   operator.jfr      a JFR recording of the operator (settings=profile)
#   apiserver.pprof   kube-apiserver's CPU profile (go tool pprof -top apiserver.pprof)
#
#   eval "$(scripts/dev-env.sh up)"
#   ./rollwave bench rollout --devices 10000 >bench.json 2>bench.log &
#   scripts/profile-rollout.sh bench.log profile/ [SECONDS]
set -euo pipefail

log_file=${1:?usage: profile-rollout.sh BENCH_LOG OUT_DIR [SECONDS]}
out=${2:?usage: profile-rollout.sh BENCH_LOG OUT_DIR [SECONDS]}
seconds=${3:-60}
mkdir -p "$out"

until grep -q "installed in" "$log_file" 2>/dev/null; do sleep 1; done
sleep 3

# pid, label and CPU ticks (1/100 s) of every process the benchmark involves
snapshot() {
  local pid label stat rest
  for pid in $(pgrep -x kube-apiserver) $(pgrep -x etcd) $(pgrep -x nats-server) \
    $(pgrep -x temporal) $(pgrep -f io.rollwave.operator.OperatorMain) \
    $(pgrep -f io.rollwave.bench.BenchMain); do
    case "$(tr '\0' ' ' </proc/"$pid"/cmdline)" in
      *OperatorMain*) label=operator ;;
      *BenchMain*) label="benchmark+agents" ;;
      *) label=$(cat /proc/"$pid"/comm) ;;
    esac
    stat=$(cat /proc/"$pid"/stat) || continue
    rest=${stat#*) }
    # shellcheck disable=SC2086
    set -- $rest
    echo "$pid $label $((${12} + ${13}))"
  done
}

operator=$(pgrep -f io.rollwave.operator.OperatorMain | head -1)
before=$(snapshot)
jcmd "$operator" JFR.start duration="${seconds}s" filename="$(realpath "$out")/operator.jfr" \
  settings=profile >/dev/null
kubectl get --raw "/debug/pprof/profile?seconds=${seconds}" >"$out/apiserver.pprof"
after=$(snapshot)
join <(sort <<<"$before") <(sort <<<"$after") |
  awk -v s="$seconds" '{printf "%-18s %6.1f CPU s in %d s\n", $2, ($5 - $3) / 100, s}' |
  sort -k2 -rn >"$out/cpu.txt"
cat "$out/cpu.txt"
