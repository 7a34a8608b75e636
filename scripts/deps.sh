#!/usr/bin/env bash
# Installs what intbench needs on a Debian machine, and nothing that is
# already there. Usage: scripts/deps.sh test|bench|generate|interop
#   test      PostgreSQL server binaries (initdb, postgres), unless
#             INTBENCH_PG_DSN or DATABASE_URL names a server to use instead,
#             and Chromium, in which the HTML reports are tested
#   bench     PostgreSQL alone, to measure (.github/workflows/bench.yml)
#   generate  thrift-compiler and protobuf-compiler
#   interop   python3-thrift, thrift-compiler, node + npm "soap" package
set -euo pipefail
cd "$(dirname "$0")/.."

have_pg() {
  command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "intbench: missing $*; install with: sudo apt-get install -y $*" >&2
    exit 1
  fi
  echo "intbench: installing $*" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}

need_pg() {
  if [ -z "${INTBENCH_PG_DSN:-}${DATABASE_URL:-}" ] && ! have_pg; then
    apt_install postgresql-15 || apt_install postgresql
  fi
}

case "${1:-test}" in
test)
  need_pg
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || apt_install chromium
  ;;
bench)
  need_pg
  ;;
generate)
  command -v thrift >/dev/null 2>&1 || apt_install thrift-compiler
  command -v protoc >/dev/null 2>&1 || apt_install protobuf-compiler
  ;;
interop)
  command -v thrift >/dev/null 2>&1 || apt_install thrift-compiler
  /usr/bin/python3 -c 'import thrift' 2>/dev/null || apt_install python3-thrift
  command -v node >/dev/null 2>&1 || apt_install nodejs npm
  (cd transports/soap/testdata/stockclient && npm install --no-audit --no-fund --silent)
  ;;
*)
  echo "usage: scripts/deps.sh test|bench|generate|interop" >&2
  exit 2
  ;;
esac
