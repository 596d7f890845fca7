#!/usr/bin/env bash
# Provisions and runs a real single-node OpenSearch for tests and benchmarks.
#
#   scripts/opensearch.sh start    fetch (cached), unpack, start, wait for green, print the URL
#   scripts/opensearch.sh stop     stop the node started by `start`
#   scripts/opensearch.sh status   print the URL and exit 0 if the node answers, else exit 1
#   scripts/opensearch.sh url      print the URL the node listens on
#
# The distribution comes from Maven Central through `mvn` (cached under ~/.m2), so the only things the
# machine needs are mvn and a JDK >= 21 under /usr/lib/jvm. OpenSearch refuses to run as root, so when we
# are root the node runs as a dedicated system user. It binds 127.0.0.1 only.
set -euo pipefail

OPENSEARCH_VERSION="${OPENSEARCH_VERSION:-3.6.0}"
OPENSEARCH_PORT="${OPENSEARCH_PORT:-9200}"
OPENSEARCH_HEAP="${OPENSEARCH_HEAP:-1g}"
RUN_USER="${OPENSEARCH_RUN_USER:-searchgate-os}"
ARTIFACT="org.opensearch.distribution.integ-test-zip:opensearch:${OPENSEARCH_VERSION}:zip"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${SEARCHGATE_CACHE:-$repo_root/.cache}"
url="http://127.0.0.1:${OPENSEARCH_PORT}"

log() { echo "[opensearch] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The newest JDK with major version >= 21 (OpenSearch 3.x needs 21+; the default here is 17).
find_java_home() {
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [ -x "$dir/bin/java" ] || continue
    [ -L "$dir" ] && continue
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release" 2>/dev/null || true)
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$dir"; best_major="$major"; fi
  done
  [ -n "$best" ] || die "no JDK >= 21 under /usr/lib/jvm (OpenSearch ${OPENSEARCH_VERSION} needs one)"
  echo "$best"
}

ensure_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id "$RUN_USER" >/dev/null 2>&1 && return 0
  log "creating system user $RUN_USER"
  useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_USER"
}

as_run_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$RUN_USER" -- "$@"; else "$@"; fi
}

# The unpacked node must be reachable by the run user. A clone under a private temp folder (mode 700) is
# not, so fall back to a shared cache folder rather than loosening permissions on the caller's folders.
choose_home() {
  local candidate="$cache_root/opensearch-$OPENSEARCH_VERSION"
  mkdir -p "$cache_root"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u "$RUN_USER" -- test -x "$cache_root"; then
    candidate="/var/tmp/searchgate-cache/opensearch-$OPENSEARCH_VERSION"
  fi
  echo "$candidate"
}

fetch_and_unpack() {
  local home="$1"
  if [ -x "$home/bin/opensearch" ]; then return 0; fi
  local zip="$HOME/.m2/repository/org/opensearch/distribution/integ-test-zip/opensearch/${OPENSEARCH_VERSION}/opensearch-${OPENSEARCH_VERSION}.zip"
  if [ ! -f "$zip" ]; then
    log "fetching $ARTIFACT with mvn"
    mvn -q -B dependency:get -Dartifact="$ARTIFACT" -Dtransitive=false >&2 || die "mvn could not fetch $ARTIFACT"
  fi
  [ -f "$zip" ] || die "expected $zip after mvn dependency:get"
  local tmp; tmp="$(mktemp -d "$(dirname "$home")/unpack.XXXXXX")"
  log "unpacking $(basename "$zip")"
  if command -v unzip >/dev/null; then unzip -q "$zip" -d "$tmp"; else (cd "$tmp" && jar xf "$zip"); fi
  mv "$tmp/opensearch-${OPENSEARCH_VERSION}" "$home"
  rmdir "$tmp"
  chmod +x "$home"/bin/* "$home"/jdk/bin/* 2>/dev/null || true
}

pidfile() { echo "$1/opensearch.pid"; }

healthy() {
  curl -fsS -m 2 "$url/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null | grep -Eq '"status":"(green|yellow)"'
}

cmd_start() {
  if healthy; then log "already running at $url"; echo "$url"; return 0; fi
  ensure_user
  local home; home="$(choose_home)"
  mkdir -p "$(dirname "$home")"
  fetch_and_unpack "$home"
  local java_home; java_home="$(find_java_home)"
  mkdir -p "$home/run-data" "$home/run-logs"
  cat > "$home/config/opensearch.yml" <<YML
cluster.name: searchgate-test
node.name: node-1
network.host: 127.0.0.1
http.port: ${OPENSEARCH_PORT}
transport.port: $((OPENSEARCH_PORT + 100))
discovery.type: single-node
path.data: ${home}/run-data
path.logs: ${home}/run-logs
action.destructive_requires_name: false
cluster.routing.allocation.disk.threshold_enabled: false
YML
  # A fixed heap keeps CI memory predictable.
  sed -i -e "s/^-Xms.*/-Xms${OPENSEARCH_HEAP}/" -e "s/^-Xmx.*/-Xmx${OPENSEARCH_HEAP}/" "$home/config/jvm.options"
  if [ "$(id -u)" -eq 0 ]; then chown -R "$RUN_USER" "$home"; fi
  log "starting OpenSearch ${OPENSEARCH_VERSION} with $java_home as $( [ "$(id -u)" -eq 0 ] && echo "$RUN_USER" || id -un)"
  as_run_user env OPENSEARCH_JAVA_HOME="$java_home" JAVA_HOME="$java_home" \
    "$home/bin/opensearch" -d -p "$(pidfile "$home")" >"$home/run-logs/stdout.log" 2>&1 \
    || { cat "$home/run-logs/stdout.log" >&2; die "OpenSearch did not start"; }
  local deadline=$((SECONDS + 180))
  until healthy; do
    if [ $SECONDS -ge $deadline ]; then
      tail -n 50 "$home/run-logs/searchgate-test.log" >&2 2>/dev/null || true
      die "OpenSearch did not become healthy within 180 s"
    fi
    sleep 1
  done
  log "OpenSearch ${OPENSEARCH_VERSION} is up at $url"
  echo "$url"
}

cmd_stop() {
  local home; home="$(choose_home)"
  local pf; pf="$(pidfile "$home")"
  if [ -f "$pf" ]; then
    local pid; pid="$(cat "$pf")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pf"
    log "stopped"
  else
    log "not running (no pid file)"
  fi
}

cmd_status() {
  if healthy; then echo "$url"; else log "not answering at $url"; return 1; fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) echo "$url" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
