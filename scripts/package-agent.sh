#!/usr/bin/env bash
# Packages the built agent (agent/target) for devices: rollwave-agent-VERSION.tar.gz (jars, the
# launcher, the systemd unit, the config file, docs/agent.md) and, where dpkg-deb exists, a .deb
# that installs the same under /opt/rollwave-agent. Then unpacks the tarball and runs its launcher
# (--help) to check the package works. Usage: scripts/package-agent.sh (after ./mvnw package -pl agent -am)
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)"
jar="agent/target/rollwave-agent-${version}.jar"
[[ -f "$jar" && -d agent/target/lib ]] || { echo "package-agent: $jar missing; run ./mvnw package -pl agent -am first" >&2; exit 1; }
out=agent/target/dist
name="rollwave-agent-${version}"
rm -rf "$out"
mkdir -p "$out/$name/lib" "$out/$name/docs"
cp "$jar" agent/target/lib/*.jar "$out/$name/lib/"
cp -r agent/src/dist/bin agent/src/dist/etc agent/src/dist/systemd "$out/$name/"
cp docs/agent.md "$out/$name/docs/"
tar -C "$out" --owner=0 --group=0 -czf "$out/$name.tar.gz" "$name"

if command -v dpkg-deb >/dev/null; then
  deb="$out/deb"
  mkdir -p "$deb/DEBIAN" "$deb/opt/rollwave-agent" "$deb/etc/rollwave" "$deb/lib/systemd/system"
  cp -r "$out/$name/bin" "$out/$name/lib" "$out/$name/docs" "$deb/opt/rollwave-agent/"
  cp agent/src/dist/etc/agent.conf "$deb/etc/rollwave/agent.conf"
  cp agent/src/dist/systemd/rollwave-agent.service "$deb/lib/systemd/system/"
  cat >"$deb/DEBIAN/control" <<CONTROL
Package: rollwave-agent
Version: ${version//-SNAPSHOT/~snapshot}
Architecture: all
Maintainer: Rollwave <rollwave@invalid>
Depends: openjdk-17-jre-headless | java17-runtime-headless
Section: admin
Priority: optional
Description: Rollwave device agent
 Runs the processes a Rollwave DeviceProcessDeployment assigns to this device.
CONTROL
  echo /etc/rollwave/agent.conf >"$deb/DEBIAN/conffiles"
  dpkg-deb --root-owner-group --build "$deb" "$out/rollwave-agent_${version}_all.deb" >/dev/null
fi

check="$(mktemp -d)"
trap 'rm -rf "$check"' EXIT
tar -C "$check" -xzf "$out/$name.tar.gz"
usage="$(ROLLWAVE_AGENT_CONF=/nonexistent "$check/$name/bin/rollwave-agent" --help)"
grep -q "Usage: rollwave agent" <<<"$usage" || { echo "package-agent: the packaged launcher did not print the agent's usage: $usage" >&2; exit 1; }
ls -l "$out"/*.tar.gz "$out"/*.deb 2>/dev/null
