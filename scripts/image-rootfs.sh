#!/usr/bin/env bash
# The operator image's base, built without a registry or a Docker daemon: a jlink'd JRE made from
# the build JDK's jmods, plus the shared libraries it links (and the dynamic loader), taken from
# Debian's packages (apt-get download, dpkg -x; no root needed). Jib adds it to `scratch`.
# Usage: scripts/image-rootfs.sh OUT_DIR
set -euo pipefail

out="${1:?usage: scripts/image-rootfs.sh OUT_DIR}"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[[ -d "$java_home/jmods" ]] || {
  echo "image-rootfs: $java_home has no jmods; install a full JDK (Debian: openjdk-17-jdk-headless)" >&2
  exit 1
}
command -v apt-get >/dev/null && command -v dpkg >/dev/null || {
  echo "image-rootfs: apt-get and dpkg are needed to take the JRE's libraries from Debian packages" >&2
  exit 1
}
# what the operator's dependencies use (jdeps over target/lib), plus TLS ciphers and DNS
modules=java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.security.sasl,java.sql,java.xml,java.desktop,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.unsupported,jdk.management,jdk.naming.dns,jdk.zipfs

rm -rf "$out"
mkdir -p "$out/opt" "$out/tmp"
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/opt/java"
# Debian's JDK links its security files to /etc; the image carries real copies
rm -f "$out/opt/java/lib/security/cacerts"
if [[ -f /etc/ssl/certs/java/cacerts ]]; then
  cp -L /etc/ssl/certs/java/cacerts "$out/opt/java/lib/security/cacerts"
fi
for f in "$out"/opt/java/lib/security/* "$out"/opt/java/conf/security/*; do
  [[ -L "$f" ]] && cp --remove-destination -L "$(readlink -f "$f")" "$f" || true
done
find "$out/opt/java" -xtype l -delete

# the libraries the headless runtime needs (AWT's X11/font libraries are never loaded headless)
mapfile -t libs < <(find "$out/opt/java" -name '*.so' \
    | grep -Ev '/lib(awt|awt_xawt|awt_headless|jawt|fontmanager|splashscreen|jsound|lcms|javajpeg|mlib_image|j2pcsc)\.so$' \
    | xargs ldd | awk '$3 ~ /^\/(usr\/)?lib/ {print $3}' | sort -u)
libs+=(/lib64/ld-linux-x86-64.so.2)
mapfile -t packages < <(for l in "${libs[@]}"; do dpkg -S "$(readlink -f "$l")" 2>/dev/null || dpkg -S "$l"; done \
  | cut -d: -f1 | sort -u)
work="$(mktemp -d)"
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
for p in "${packages[@]}"; do
  v="$(dpkg-query -W -f '${Version}' "$p")"
  (cd "$work" && apt-get download "$p=$v" >/dev/null 2>&1) || {
    echo "image-rootfs: apt-get download $p=$v failed (run apt-get update first)" >&2
    exit 1
  }
  dpkg -x "$work/${p}_"*.deb "$work/root"
  mkdir -p "$out/usr/share/doc/$p"
  cp "$work/root/usr/share/doc/$p/copyright" "$out/usr/share/doc/$p/" 2>/dev/null || true
done
for l in "${libs[@]}"; do
  # take each library from the package, at the path the loader searches
  src="$work/root$(readlink -f "$l")"
  [[ -e "$src" ]] || src="$work/root/usr$(readlink -f "$l")"
  [[ -e "$src" ]] || src="$work/root${l}"
  [[ -e "$src" ]] || src="$work/root/usr${l}"
  [[ -e "$src" ]] || { echo "image-rootfs: $l not found in ${packages[*]}" >&2; exit 1; }
  mkdir -p "$out$(dirname "$l")"
  cp -L "$src" "$out$l"
done
mkdir -p "$out/etc"
printf 'root:x:0:0:root:/root:/sbin/nologin\nrollwave:x:65532:65532:rollwave:/tmp:/sbin/nologin\n' >"$out/etc/passwd"
printf 'root:x:0:\nrollwave:x:65532:\n' >"$out/etc/group"
echo "image-rootfs: JRE ($modules) and ${#libs[@]} libraries from ${packages[*]} in $out" >&2
