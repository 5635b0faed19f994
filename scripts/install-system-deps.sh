#!/usr/bin/env bash
# Debian packages the tests need (Chromium for the browser tests, redis-server for the shared crawl
# frontier's, tests/test_frontier_crawl.py, postgresql for the store's tests on PostgreSQL, which
# start a throwaway cluster of their own: tests/postgres_cluster.py); run by `make test` and .ci/run.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v redis-server >/dev/null || missing+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: missing ${missing[*]}; run as root: apt-get install -y ${missing[*]}" >&2
    exit 0
fi
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
