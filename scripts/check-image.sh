#!/usr/bin/env bash
# Checks the operator image tar that `./mvnw -Pimage package -pl operator-shim -am` builds: a valid
# Docker/OCI image (manifest, config, layers), tagged with the project version, a non-root user, the
# Java entrypoint; then, where it may (root, unshare), runs its entrypoint from the unpacked layers
# on a read-only root with only /tmp writable, as the chart does, and expects the operator's usage.
# Usage: scripts/check-image.sh [IMAGE_TAR]
set -euo pipefail
cd "$(dirname "$0")/.."
tar_file="${1:-operator-shim/target/jib-image.tar}"
[[ -f "$tar_file" ]] || { echo "check-image: $tar_file missing; build it with ./mvnw -Pimage package -pl operator-shim -am" >&2; exit 1; }
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)"
work="$(mktemp -d)"
trap 'umount "$work/root/proc" 2>/dev/null || true; rm -rf "$work"' EXIT
tar -xf "$tar_file" -C "$work"
python3 - "$work" "$version" <<'PY'
import json, os, sys, tarfile
work, version = sys.argv[1], sys.argv[2]
def fail(msg):
    sys.exit("check-image: " + msg)
manifest = json.load(open(os.path.join(work, "manifest.json")))
if len(manifest) != 1:
    fail(f"manifest.json holds {len(manifest)} images, expected 1")
m = manifest[0]
if f"rollwave/operator:{version}" not in [t.split("/", 1)[-1] if t.count("/") > 1 else t for t in m.get("RepoTags", [])]:
    fail(f"not tagged rollwave/operator:{version}: {m.get('RepoTags')}")
config = json.load(open(os.path.join(work, m["Config"])))
c = config["config"]
user = c.get("User", "")
if user.split(":")[0] in ("", "0", "root"):
    fail(f"runs as root (User '{user}')")
entry = c.get("Entrypoint") or []
if not entry or entry[0] != "/opt/java/bin/java" or "io.rollwave.operator.OperatorMain" not in entry:
    fail(f"unexpected entrypoint {entry}")
if config.get("os") != "linux" or config.get("architecture") != "amd64":
    fail(f"platform {config.get('os')}/{config.get('architecture')}, expected linux/amd64")
diff_ids = config["rootfs"]["diff_ids"]
if len(diff_ids) != len(m["Layers"]):
    fail(f"{len(m['Layers'])} layers but {len(diff_ids)} diff_ids")
root = os.path.join(work, "root")
os.makedirs(root)
for layer in m["Layers"]:
    with tarfile.open(os.path.join(work, layer)) as t:
        t.extractall(root)
for path, mode in [("opt/java/bin/java", 0o755), ("lib64/ld-linux-x86-64.so.2", 0o755)]:
    p = os.path.join(root, path)
    if not os.path.isfile(p) or os.stat(p).st_mode & 0o777 != mode:
        fail(f"/{path} missing or not mode {oct(mode)}")
if not os.path.isfile(os.path.join(root, "app/jib-classpath-file")):
    fail("/app/jib-classpath-file missing")
with open(os.path.join(work, "entrypoint"), "w") as f:
    f.write("\n".join(entry + ["--help"]))
print(f"check-image: {len(m['Layers'])} layers, user {user}, entrypoint {' '.join(entry)}")
PY
mkdir -p "$work/root/proc" "$work/root/tmp"
if [[ "$(id -u)" == 0 ]] && command -v unshare >/dev/null; then
  mapfile -t entry <"$work/entrypoint"
  out="$(unshare -m sh -c '
    root="$1"; shift
    mount --bind "$root" "$root" && mount -o remount,ro,bind "$root" \
      && mount -t proc proc "$root/proc" && mount -t tmpfs tmpfs "$root/tmp" \
      && exec chroot --userspec=65532:65532 "$root" "$@"' sh "$work/root" "${entry[@]}" 2>&1)" || {
    echo "check-image: the entrypoint failed on a read-only root:" >&2; echo "$out" >&2; exit 1; }
  grep -q "Usage: rollwave operator" <<<"$out" || { echo "check-image: unexpected output: $out" >&2; exit 1; }
  echo "check-image: entrypoint runs as 65532 on a read-only root: $(head -1 <<<"$out")"
else
  echo "check-image: not root or no unshare: the entrypoint was not run" >&2
fi
echo "check-image: $tar_file ok, $(du -m "$tar_file" | cut -f1) MB"
