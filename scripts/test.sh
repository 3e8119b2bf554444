#!/usr/bin/env bash
# scripts/test.sh — what `npm test` runs. Arguments go to vitest
# (e.g. `npm test -- tests/integration/rig.test.ts`).
#
# Tests need PostgreSQL+pgvector, Redis and Chromium. If the caller already points us
# at a database and a Redis (TEST_DATABASE_URL and TEST_REDIS_URL both set), we use
# those and start nothing. Otherwise scripts/services.sh installs what is missing and
# starts private throw-away instances, which are stopped however this script ends.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Format check and lint first (about a second): fail before any service is started.
if [ ! -x node_modules/.bin/biome ]; then
  echo "[test] node_modules/.bin/biome is missing: run \`npm install\`" >&2
  exit 1
fi
if ! node_modules/.bin/biome ci . >&2; then
  echo "[test] format or lint check failed (biome ci .). \`npm run format\` rewrites the formatting and applies safe fixes; fix the remaining lint errors by hand." >&2
  exit 1
fi

if [ -n "${TEST_DATABASE_URL:-}" ] && [ -n "${TEST_REDIS_URL:-}" ]; then
  echo "[test] using TEST_DATABASE_URL and TEST_REDIS_URL from the environment; starting no services" >&2
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
else
  # shellcheck source=scripts/services.sh
  source scripts/services.sh
  # Set the traps before starting anything, so a failure or Ctrl-C half-way through
  # the start still cleans up. INT/TERM/HUP are turned into exits so the EXIT trap
  # runs.
  trap kefu_services_stop EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  kefu_services_ensure
  kefu_services_start
fi

# Not `exec`: the EXIT trap must outlive vitest to stop the services.
#
# vitest runs as a background job in its own process group (set -m), and we `wait`:
#  - bash defers traps while a *foreground* command runs, so a SIGTERM sent to this
#    script alone (CI timeout, `kill`) would let vitest run on to the end;
#  - npx -> sh -> node -> worker forks is a tree, and a signal to npx alone does not
#    reach the workers (seen: they kept running). Signalling the whole group does.
# On INT/TERM/HUP we send SIGTERM to vitest's group, give it a few seconds to close
# browsers and connections, SIGKILL what is left, then exit (EXIT trap stops services).
vitest_pgid=""
on_signal() {
  if [ -n "$vitest_pgid" ]; then
    kill -TERM -- "-$vitest_pgid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$vitest_pgid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$vitest_pgid" 2>/dev/null || true
    wait "$vitest_pgid" 2>/dev/null || true
  fi
  exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP

set +e
set -m   # job control: the next background job gets its own process group
# stdin from /dev/null: a background group that read the terminal would be stopped (SIGTTIN)
npx vitest run "$@" </dev/null &
vitest_pgid=$!
set +m
wait "$vitest_pgid"
status=$?
exit "$status"
