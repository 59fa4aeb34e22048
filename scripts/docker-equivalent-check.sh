#!/usr/bin/env bash
# Runs what the Dockerfile runs, without a Docker engine (none runs in CI), so the file cannot rot silently. The COPY
# lists, the CMD and the HEALTHCHECK are read from the Dockerfile itself (scripts/dockerfile-stage.mjs); its RUN steps
# must be the ones below, or this check fails and asks to keep the two in step.
#   build stage    the stage's COPYs into an empty directory; npm ci (the checkout's own, which CI has just run from the
#                  same lockfile, is linked in: a second full install would only cost time); npm run build
#   runtime stage  the stage's COPYs, npm ci --omit=dev (for real), dist/ from the build stage
#   start          the CMD with the image's ENV, as an unprivileged user when we are root (the image's USER)
#   health         the HEALTHCHECK command until it passes; then a vendor route, /docs and /__console must answer
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STAGE="node $ROOT/scripts/dockerfile-stage.mjs"

fail() { echo "docker-equivalent-check: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }

# The properties the image promises, checked on the file itself.
grep -qE '^USER (node|[1-9][0-9]*)$' Dockerfile || fail 'Dockerfile: must run as a non-root USER'
grep -qE '^EXPOSE 4010$' Dockerfile || fail 'Dockerfile: must EXPOSE 4010'
grep -qE '^HEALTHCHECK .*/__admin/health' Dockerfile || fail 'Dockerfile: HEALTHCHECK must probe /__admin/health'
[ "$($STAGE runs build)" = $'npm ci --no-audit --no-fund\nnpm run build' ] ||
  fail "Dockerfile build stage RUNs changed ($($STAGE runs build | paste -sd ';')); update this script to run the same"
[ "$($STAGE runs runtime)" = 'npm ci --omit=dev --no-audit --no-fund && npm cache clean --force' ] ||
  fail "Dockerfile runtime stage RUNs changed ($($STAGE runs runtime | paste -sd ';')); update this script to run the same"
mapfile -d '' CMD < <($STAGE argv CMD)
mapfile -d '' HEALTHCHECK < <($STAGE argv HEALTHCHECK)
[ "${CMD[*]}" = "node dist/src/main.js serve" ] || fail "Dockerfile CMD is \"${CMD[*]}\", expected serve"

WORK=$(mktemp -d)
SERVER_PID=''
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- build stage --------------------------------------------------------------------------------------------------
started=$(now_ms)
mkdir -p "$WORK/build"
$STAGE copy build "$WORK/build"
ln -s "$ROOT/node_modules" "$WORK/build/node_modules"
(cd "$WORK/build" && npm run build --silent)
echo "build stage: npm run build in $(($(now_ms) - started)) ms"

# ---- runtime stage (npm cache clean is left out: it would empty this machine's cache, not an image layer's) ----------
started=$(now_ms)
mkdir -p "$WORK/app"
$STAGE copy runtime "$WORK/app"
(cd "$WORK/app" && npm ci --omit=dev --no-audit --no-fund --prefer-offline --loglevel=error)
cp -r "$WORK/build/dist" "$WORK/app/dist"
echo "runtime stage: npm ci --omit=dev in $(($(now_ms) - started)) ms ($(du -sm "$WORK/app/node_modules" | cut -f1) MB of node_modules)"
[ ! -d "$WORK/app/node_modules/typescript" ] || fail 'runtime stage: dev dependencies were installed'

# ---- start, as the image does --------------------------------------------------------------------------------------
PORT=$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
RUN_AS=()
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  chmod -R a+rX "$WORK"
  RUN_AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups --) # like the image's USER: unprivileged, nothing writable
fi
started=$(now_ms)
# The image's ENV, except HOST: a container listens on 0.0.0.0, this check only on loopback.
(cd "$WORK/app" && exec env NODE_ENV=production HOST=127.0.0.1 PORT="$PORT" NO_COLOR=1 "${RUN_AS[@]}" "${CMD[@]}" >"$WORK/server.log" 2>&1) &
SERVER_PID=$!

healthy=''
for _ in $(seq 1 150); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log" >&2; fail 'the server exited during start-up'; fi
  if (cd "$WORK/app" && PORT="$PORT" "${HEALTHCHECK[@]}"); then healthy=yes; break; fi
  sleep 0.1
done
[ -n "$healthy" ] || { cat "$WORK/server.log" >&2; fail 'HEALTHCHECK never passed within 15 s'; }
echo "start: HEALTHCHECK passed $(($(now_ms) - started)) ms after \"${CMD[*]}\""

expect_status() { # url expected-status
  local status
  status=$(node -e 'fetch(process.argv[1], { headers: { authorization: "Bearer flashback-token-ada" } }).then((r) => console.log(r.status), (e) => console.log(e.message))' "$1")
  [ "$status" = "$2" ] || { cat "$WORK/server.log" >&2; fail "$1 answered $status, expected $2"; }
}
expect_status "http://127.0.0.1:$PORT/flashback/mfa/status" 200
expect_status "http://127.0.0.1:$PORT/docs/flashback" 200
expect_status "http://127.0.0.1:$PORT/__console/console.js" 200
echo "docker-equivalent-check: ok (a vendor route, /docs and /__console answer from the production install)"
