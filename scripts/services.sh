#!/usr/bin/env bash
# scripts/services.sh — the backing services Kefu's tests need, on a plain Debian
# bookworm machine: PostgreSQL 15 + pgvector, Redis and Chromium.
#
# Two jobs:
#   1. ensure: install whatever is missing (apt, plus a pgvector build from Debian
#      trixie's source package because bookworm's pgvector is too old). Does nothing,
#      quickly, when everything is already there.
#   2. start/stop: run PRIVATE throw-away instances on free loopback ports in a temp
#      folder, so tests never touch (or collide with) a system PostgreSQL/Redis, and
#      two test runs on one machine don't collide with each other.
#
# Use from another script (what scripts/test.sh does):
#   source scripts/services.sh
#   trap kefu_services_stop EXIT
#   kefu_services_ensure && kefu_services_start   # exports TEST_DATABASE_URL, TEST_REDIS_URL, CHROMIUM_PATH
#
# Or run it:
#   bash scripts/services.sh install          # install what is missing (root), start nothing
#   bash scripts/services.sh run -- CMD ...   # start services, run CMD with the env, stop them
#
# Everything here is a function, and nothing runs at source time, so sourcing it is
# side-effect free. Functions return non-zero on failure (callers use `set -e`).

PG_MAJOR=15
PG_BIN="/usr/lib/postgresql/${PG_MAJOR}/bin"
KEFU_SVC_PREFIX="kefu-test-services"   # temp dirs are ${TMPDIR:-/tmp}/kefu-test-services.XXXXXX

_svc_log() { printf '[services] %s\n' "$*" >&2; }

_svc_is_root() { [ "$(id -u)" -eq 0 ]; }

# Where pgvector must end up. pg_config ships with postgresql-client-15 on Debian, so
# it is usually there; if not, fall back to Debian's fixed layout.
_svc_pg_sharedir() {
  if [ -x "$PG_BIN/pg_config" ]; then "$PG_BIN/pg_config" --sharedir; else echo "/usr/share/postgresql/${PG_MAJOR}"; fi
}
_svc_pg_pkglibdir() {
  if [ -x "$PG_BIN/pg_config" ]; then "$PG_BIN/pg_config" --pkglibdir; else echo "/usr/lib/postgresql/${PG_MAJOR}/lib"; fi
}

_svc_chromium_path() { echo "${CHROMIUM_PATH:-/usr/bin/chromium}"; }

# Fills _SVC_PKGS (Debian packages to install) and _SVC_NEED_PGVECTOR (0/1).
_svc_check() {
  _SVC_PKGS=()
  _SVC_NEED_PGVECTOR=0
  local b
  for b in postgres initdb pg_ctl pg_isready psql createdb; do
    if [ ! -x "$PG_BIN/$b" ]; then _SVC_PKGS+=("postgresql-${PG_MAJOR}"); break; fi
  done
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    _SVC_PKGS+=(redis-server)
  fi
  if [ ! -x "$(_svc_chromium_path)" ]; then _SVC_PKGS+=(chromium); fi
  # A CJK font, or Chinese text in browser screenshots renders as empty boxes.
  if [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then _SVC_PKGS+=(fonts-wqy-microhei); fi
  if [ ! -f "$(_svc_pg_sharedir)/extension/vector.control" ] || [ ! -f "$(_svc_pg_pkglibdir)/vector.so" ]; then
    _SVC_NEED_PGVECTOR=1
  fi
}

# The Debian mirror the machine already uses (so a trixie deb-src line goes to the
# same host, e.g. a local mirror or snapshot). Reads deb822 *.sources files (bookworm's
# default) and one-line sources.list files; falls back to deb.debian.org.
_svc_debian_mirror() {
  local f uri=""
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # paragraph mode: one stanza per record; pick the stanza whose Suites has "bookworm"
    uri=$(awk 'BEGIN { RS = ""; FS = "\n" }
      { u = ""; s = ""; t = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/)   { u = $i; sub(/^URIs:[ \t]*/, "", u) }
          if ($i ~ /^Suites:/) { s = $i " " }
          if ($i ~ /^Types:/)  { t = $i }
        }
        if (t ~ /deb/ && s ~ /[ \t]bookworm[ \t]/) { split(u, a, /[ \t]+/); print a[1]; exit }
      }' "$f")
    [ -n "$uri" ] && break
  done
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                         if ($(i + 1) == "bookworm") { print $i; exit } }')
  fi
  case "$uri" in http://* | https://*) echo "${uri%/}" ;; *) echo "http://deb.debian.org/debian" ;; esac
}

# apt-get with our fixed options; output goes to a log that is shown only on failure.
_svc_apt() {
  if ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@" >>"$_SVC_APT_LOG" 2>&1; then
    _svc_log "apt-get $* failed; last lines of $_SVC_APT_LOG:"
    tail -n 40 "$_SVC_APT_LOG" >&2
    return 1
  fi
}

# Build pgvector from Debian trixie's *source* package: bookworm has no pgvector
# package, and trixie's (0.8.x) builds cleanly against PostgreSQL 15. Only a deb-src
# line is added, so no binary package is ever pulled from trixie into bookworm.
_svc_build_pgvector() {
  local pg_config="$PG_BIN/pg_config" work src
  work=$(mktemp -d "${TMPDIR:-/tmp}/kefu-pgvector.XXXXXX") || return 1
  # apt downloads as the unprivileged _apt user; let it write here (avoids a warning).
  if id _apt >/dev/null 2>&1; then chown _apt "$work"; fi
  _svc_log "building pgvector from Debian trixie source (in $work)"
  if ! (cd "$work" && _svc_apt source -qq pgvector/trixie); then rm -rf "$work"; return 1; fi
  src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
  if [ -z "$src" ]; then _svc_log "apt-get source pgvector unpacked nothing in $work"; rm -rf "$work"; return 1; fi
  if ! { make -C "$src" -j"$(nproc)" PG_CONFIG="$pg_config" && make -C "$src" install PG_CONFIG="$pg_config"; } >>"$_SVC_APT_LOG" 2>&1; then
    _svc_log "pgvector build failed; last lines of $_SVC_APT_LOG:"
    tail -n 40 "$_SVC_APT_LOG" >&2
    rm -rf "$work"
    return 1
  fi
  _svc_log "pgvector $(basename "$src" | sed 's/^pgvector-//') installed into $("$pg_config" --sharedir)/extension"
  rm -rf "$work"
}

# Install whatever is missing. Fast no-op when all is present.
kefu_services_ensure() {
  _svc_check
  if [ "${#_SVC_PKGS[@]}" -eq 0 ] && [ "$_SVC_NEED_PGVECTOR" -eq 0 ]; then return 0; fi

  local pkgs=("${_SVC_PKGS[@]}")
  if [ "$_SVC_NEED_PGVECTOR" -eq 1 ]; then
    # headers + PGXS for the extension build, and dpkg-dev for `apt-get source`
    pkgs+=("postgresql-server-dev-${PG_MAJOR}" build-essential dpkg-dev)
  fi
  local missing=("${_SVC_PKGS[@]}")
  if [ "$_SVC_NEED_PGVECTOR" -eq 1 ]; then missing+=("pgvector(build)"); fi
  local missing_desc="${missing[*]}"

  if ! _svc_is_root; then
    local self
    self=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
    _svc_log "missing: ${missing_desc}"
    _svc_log "installing needs root. Run:"
    _svc_log "  sudo bash $self install"
    _svc_log "which runs: apt-get update && apt-get install -y --no-install-recommends ${pkgs[*]}"
    if [ "$_SVC_NEED_PGVECTOR" -eq 1 ]; then
      _svc_log "and then builds pgvector from Debian trixie's source package (apt-get source pgvector/trixie; make install)"
    fi
    return 1
  fi

  local t0=$SECONDS rc=0 policy_added=0
  _SVC_APT_LOG=$(mktemp "${TMPDIR:-/tmp}/kefu-services-install.XXXXXX.log")
  _svc_log "installing: ${missing_desc} (log: $_SVC_APT_LOG)"

  # Keep the packages' own services (system redis on 6379, the "main" PostgreSQL
  # cluster on 5432) from starting: tests use private instances, and CI must not be
  # left with stray daemons. policy-rc.d is Debian's standard switch for that.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, from kefu scripts/services.sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
  fi

  if [ "$_SVC_NEED_PGVECTOR" -eq 1 ]; then
    local mirror list=/etc/apt/sources.list.d/kefu-trixie-src.sources
    mirror=$(_svc_debian_mirror)
    if [ ! -f "$list" ]; then
      _svc_log "adding deb-src for Debian trixie from $mirror ($list)"
      printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$mirror" >"$list"
    fi
  fi

  # Warnings from `update` (one unreachable repo) should not stop us: install fails loudly if it matters.
  _svc_apt update -qq || _svc_log "apt-get update reported errors; trying to install anyway"
  _svc_apt install -y -qq --no-install-recommends "${pkgs[@]}" || rc=1
  if [ "$rc" -eq 0 ] && [ "$_SVC_NEED_PGVECTOR" -eq 1 ]; then _svc_build_pgvector || rc=1; fi

  if [ "$policy_added" -eq 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
  [ "$rc" -eq 0 ] || return 1

  _svc_check
  if [ "${#_SVC_PKGS[@]}" -ne 0 ] || [ "$_SVC_NEED_PGVECTOR" -ne 0 ]; then
    _svc_log "still missing after install: ${_SVC_PKGS[*]} $([ "$_SVC_NEED_PGVECTOR" -eq 1 ] && echo pgvector)"
    return 1
  fi
  rm -f "$_SVC_APT_LOG"
  _svc_log "installed in $((SECONDS - t0)) s"
}

# A free TCP port on loopback, chosen by the kernel. (Tiny race until the server binds
# it; the start functions retry with a fresh port if that ever happens.)
_svc_free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# PostgreSQL refuses to run as root: as root, run its tools as the `postgres` system
# user (created by the Debian package); as anyone else, as yourself.
_svc_pg_user() {
  if _svc_is_root; then echo postgres; else id -un; fi
}
_svc_as_pg() {
  if _svc_is_root; then
    # cd somewhere the postgres user can read (root's cwd may be /root, mode 700)
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

_svc_start_postgres() {
  # postgres.log is written by the server (as the postgres user), so it must not be
  # created by root first; initdb's and pg_ctl's own output go to files of their own.
  local dir=$1 data=$1/pg log=$1/postgres.log initlog=$1/initdb.log ctlout=$1/pg_ctl.out port attempt
  if _svc_is_root && ! id postgres >/dev/null 2>&1; then
    # binaries present without the Debian package's user: make one
    useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
  fi
  if _svc_is_root; then chown "$(_svc_pg_user)" "$dir"; fi

  # --no-locale + UTF8: deterministic byte-order collation, full Unicode (Chinese) text.
  # --no-sync: the cluster is thrown away, no need to fsync it.
  if ! _svc_as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync --no-instructions >"$initlog" 2>&1; then
    _svc_log "initdb failed:"; cat "$initlog" >&2; return 1
  fi
  # Speed over durability (the data dies with the run), loopback only, room for
  # parallel test workers with their own pools. Unix socket in our temp dir, not
  # /var/run/postgresql (which may not exist or belong to a system cluster).
  cat >>"$data/postgresql.conf" <<EOF

# --- kefu test rig (scripts/services.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

  for attempt in 1 2 3 4 5; do
    port=$(_svc_free_port) || return 1
    if _svc_as_pg "$PG_BIN/pg_ctl" start -D "$data" -l "$log" -w -t 60 -o "-p $port" >"$ctlout" 2>&1; then
      break
    fi
    if grep -q 'Address already in use' "$log" 2>/dev/null && [ "$attempt" -lt 5 ]; then
      _svc_log "port $port was taken; retrying PostgreSQL on another port"
      continue
    fi
    _svc_log "PostgreSQL did not start; pg_ctl said:"; cat "$ctlout" >&2
    _svc_log "server log $log:"; cat "$log" >&2 2>/dev/null || true; return 1
  done

  # pg_ctl -w already waited for "ready"; check over TCP the way tests connect.
  local deadline=$((SECONDS + 30))
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -t 1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      _svc_log "PostgreSQL on 127.0.0.1:$port not ready after 30 s; server log $log:"; cat "$log" >&2; return 1
    fi
    sleep 0.2
  done

  # vector in template1 too, so databases that tests create for isolation have it.
  local psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres)
  if ! { "${psql[@]}" -d template1 -c 'CREATE EXTENSION IF NOT EXISTS vector' &&
         "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres kefu_test &&
         "${psql[@]}" -d kefu_test -c 'CREATE EXTENSION IF NOT EXISTS vector'; } >>"$log" 2>&1; then
    _svc_log "creating kefu_test with the vector extension failed; server log $log:"; cat "$log" >&2; return 1
  fi
  KEFU_SVC_PG_PORT=$port
}

_svc_start_redis() {
  local dir=$1 log=$1/redis.log port attempt pid
  mkdir -p "$dir/redis"
  for attempt in 1 2 3 4 5; do
    port=$(_svc_free_port) || return 1
    : >"$log"
    # Foreground mode in the background (`&`), so we own its pid; no persistence.
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
      --dir "$dir/redis" --logfile "$log" </dev/null >>"$log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/redis.pid"
    local deadline=$((SECONDS + 20))
    while :; do
      if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ]; then
        KEFU_SVC_REDIS_PORT=$port
        return 0
      fi
      if ! kill -0 "$pid" 2>/dev/null; then break; fi   # died: port clash or bad config
      if [ "$SECONDS" -ge "$deadline" ]; then
        _svc_log "Redis on 127.0.0.1:$port not answering PING after 20 s; log $log:"; cat "$log" >&2; return 1
      fi
      sleep 0.1
    done
    wait "$pid" 2>/dev/null || true
    rm -f "$dir/redis.pid"
    if grep -q -i 'address already in use' "$log" && [ "$attempt" -lt 5 ]; then
      _svc_log "port $port was taken; retrying Redis on another port"
      continue
    fi
    _svc_log "Redis did not start; log $log:"; cat "$log" >&2; return 1
  done
}

# Stop whatever was started in one temp dir and delete it. Safe on half-started dirs
# and safe to call twice.
_svc_stop_dir() {
  local dir=$1 pid i
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  if [ -f "$dir/pg/postmaster.pid" ]; then
    # immediate: no checkpoint, the data is thrown away anyway
    if ! _svc_as_pg "$PG_BIN/pg_ctl" stop -D "$dir/pg" -m immediate -w -t 20 >/dev/null 2>&1; then
      pid=$(head -n 1 "$dir/pg/postmaster.pid" 2>/dev/null || true)
      [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  if [ -f "$dir/redis.pid" ]; then
    pid=$(cat "$dir/redis.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true   # reap it if it is our child
    fi
  fi
  rm -rf "$dir" 2>/dev/null || _svc_log "could not remove $dir"
  return 0
}

# Runs killed with SIGKILL can't run their trap; the next start cleans up after them.
# Each dir records the pid of the shell that owns it (owner.pid, written by the user
# who started it). Only our own user's dirs are touched, and "dead" is judged by
# /proc, not `kill -0` (which also fails for a live process of another user).
_svc_reap_stale() {
  local d owner
  for d in "${TMPDIR:-/tmp}/${KEFU_SVC_PREFIX}".*; do
    [ -d "$d" ] && [ -f "$d/owner.pid" ] && [ -O "$d/owner.pid" ] || continue
    owner=$(cat "$d/owner.pid" 2>/dev/null || true)
    if [ -n "$owner" ] && [ ! -d "/proc/$owner" ]; then
      _svc_log "cleaning up services left by dead run $owner ($d)"
      _svc_stop_dir "$d"
    fi
  done
}

# Start private PostgreSQL and Redis; export the URLs the tests read.
kefu_services_start() {
  local t0=$SECONDS
  _svc_reap_stale
  KEFU_SVC_DIR=$(mktemp -d "${TMPDIR:-/tmp}/${KEFU_SVC_PREFIX}.XXXXXX") || return 1
  chmod 755 "$KEFU_SVC_DIR"
  echo "$$" >"$KEFU_SVC_DIR/owner.pid"
  export KEFU_SVC_DIR
  if ! _svc_start_postgres "$KEFU_SVC_DIR" || ! _svc_start_redis "$KEFU_SVC_DIR"; then
    kefu_services_stop
    return 1
  fi
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:${KEFU_SVC_PG_PORT}/kefu_test"
  export TEST_REDIS_URL="redis://127.0.0.1:${KEFU_SVC_REDIS_PORT}"
  CHROMIUM_PATH=$(_svc_chromium_path)
  export CHROMIUM_PATH
  _svc_log "PostgreSQL ${TEST_DATABASE_URL}, Redis ${TEST_REDIS_URL}, Chromium ${CHROMIUM_PATH} ($((SECONDS - t0)) s)"
}

kefu_services_stop() {
  if [ -n "${KEFU_SVC_DIR:-}" ]; then
    _svc_stop_dir "$KEFU_SVC_DIR"
    unset KEFU_SVC_DIR
  fi
  return 0
}

# ---- executed directly ------------------------------------------------------------
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    install | ensure)
      kefu_services_ensure
      ;;
    run)
      shift
      [ "${1:-}" = "--" ] && shift
      [ "$#" -gt 0 ] || { echo "usage: $0 run -- COMMAND [ARGS...]" >&2; exit 2; }
      trap kefu_services_stop EXIT
      trap 'exit 130' INT
      trap 'exit 143' TERM
      trap 'exit 129' HUP
      kefu_services_ensure
      kefu_services_start
      set +e
      "$@"
      exit $?
      ;;
    *)
      echo "usage: $0 install | run -- COMMAND [ARGS...]" >&2
      exit 2
      ;;
  esac
fi
