#!/usr/bin/env bash
# Certificates for a NATS server on loopback: a CA, a server certificate for localhost and
# 127.0.0.1, and a client certificate for mutual TLS, all signed by that CA (EC P-256, PKCS#8 keys).
# Kept while valid for at least another day; made again when missing or expiring.
#   scripts/nats-tls.sh DIR    writes DIR/{ca,server,client}.pem and DIR/{ca,server,client}-key.pem
# For production, use certificates from your own CA instead (docs/security.md, "TLS").
set -euo pipefail

dir="${1:?usage: scripts/nats-tls.sh DIR}"
days="${ROLLWAVE_TLS_DAYS:-30}"
mkdir -p "$dir"
chmod 700 "$dir"

valid() { # cert
  [[ -s "$1" ]] && openssl x509 -in "$1" -noout -checkend 86400 >/dev/null 2>&1
}

if valid "$dir/ca.pem" && valid "$dir/server.pem" && valid "$dir/client.pem" \
  && [[ -s "$dir/server-key.pem" && -s "$dir/client-key.pem" ]]; then
  exit 0
fi

umask 077
tmp="$(mktemp -d "$dir/.new.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)

openssl req -x509 "${ec[@]}" -keyout "$tmp/ca-key.pem" -out "$tmp/ca.pem" -days "$days" \
  -subj "/CN=Rollwave development CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  2>/dev/null

issue() { # name subject extensions
  openssl req "${ec[@]}" -keyout "$tmp/$1-key.pem" -out "$tmp/$1.csr" -subj "$2" 2>/dev/null
  printf '%s\n' "$3" >"$tmp/$1.ext"
  openssl x509 -req -in "$tmp/$1.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca-key.pem" \
    -CAcreateserial -days "$days" -extfile "$tmp/$1.ext" -out "$tmp/$1.pem" 2>/dev/null
}
issue server "/CN=localhost" "subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth
keyUsage=critical,digitalSignature"
issue client "/CN=rollwave-client" "extendedKeyUsage=clientAuth
keyUsage=critical,digitalSignature"

for f in ca ca-key server server-key client client-key; do
  mv "$tmp/$f.pem" "$dir/$f.pem"
done
chmod 644 "$dir/ca.pem" "$dir/server.pem" "$dir/client.pem"
