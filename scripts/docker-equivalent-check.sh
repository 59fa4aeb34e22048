#!/usr/bin/env bash
# Runs what the Dockerfile runs, without a Docker engine (none runs in CI), so the file cannot rot silently. The COPY
# lists, the CMD and the HEALTHCHECK are read from the Dockerfile itself (scripts/dockerfile-stage.mjs); its RUN steps
# must be the ones below, or this check fails and asks to keep the two in step.
#   build stage    the stage's COPYs into an empty directory; npm ci (the checkout's own, which CI has just run from the
#                  same lockfile, is linked in: a second full install would only cost time); npm run build
#   runtime stage  the stage's COPYs, npm ci --omit=dev (for real), dist/ from the build stage
#   node           the image's Node (major.minor of the runtime stage's FROM node:<x.y>-...), from the npm registry's
#                  node-<platform>-<arch> package: the server and the HEALTHCHECK run on it, not on this machine's Node
#   start          the CMD with the image's ENV plus an admin token (MFA_SANDBOX_ADMIN_TOKEN, as the README's docker run
#                  recommends), as an unprivileged user when we are root (the image's USER)
#   health         the HEALTHCHECK command, in the container's environment (the token included), until it passes; the
#                  admin API must refuse the same probe without the token; then a vendor route, /docs and /__console
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
IMAGE_NODE=$(grep -oE '^FROM node:[0-9]+\.[0-9]+[^ ]* AS runtime$' Dockerfile | grep -oE '[0-9]+\.[0-9]+' | head -1) ||
  fail 'Dockerfile: the runtime stage must be FROM node:<major>.<minor>-... (the check runs the server on that Node)'
mapfile -d '' CMD < <($STAGE argv CMD)
mapfile -d '' HEALTHCHECK < <($STAGE argv HEALTHCHECK)
[ "${CMD[*]}" = "node dist/src/main.bundle.js serve" ] || fail "Dockerfile CMD is \"${CMD[*]}\", expected serve"

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

# ---- the image's Node: a binary from the registry, as the image has it (a patch release may differ) ------------------
started=$(now_ms)
NODE_PACKAGE="node-$(node -p 'process.platform + "-" + process.arch')@~$IMAGE_NODE.0"
mkdir -p "$WORK/node"
(cd "$WORK/node" && npm install "$NODE_PACKAGE" --no-save --no-package-lock --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null) ||
  fail "could not install $NODE_PACKAGE (the Node of the image) from the npm registry"
NODE_BIN="$WORK/node/node_modules/.bin"
IMAGE_NODE_VERSION=$("$NODE_BIN/node" --version)
case "$IMAGE_NODE_VERSION" in "v$IMAGE_NODE".*) ;; *) fail "$NODE_PACKAGE gave Node $IMAGE_NODE_VERSION" ;; esac
echo "node: the image's Node $IMAGE_NODE_VERSION ($NODE_PACKAGE) in $(($(now_ms) - started)) ms; this machine runs $(node --version)"

# ---- start, as the image does: once per `--run 'K=V ...'` (what `docker run -e` adds), else once with a token -------
# Each run gets the image's ENV (HOST on loopback: a container listens on 0.0.0.0, this check only on loopback), the
# run's own variables, and PATH with the image's Node first, for the CMD's and the HEALTHCHECK's `node`.
RUNS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --run) RUNS+=("${2-}"); shift 2 ;;
    *) fail "unknown argument $1 (usage: docker-equivalent-check.sh [--run 'K=V ...']...)" ;;
  esac
done
[ ${#RUNS[@]} -gt 0 ] || RUNS=("MFA_SANDBOX_ADMIN_TOKEN=$(node -p 'require("node:crypto").randomBytes(24).toString("hex")')")

RUN_AS=()
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  chmod -R a+rX "$WORK"
  RUN_AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups --) # like the image's USER: unprivileged, nothing writable
fi

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=''
}

expect_status() { # url expected-status
  local status
  status=$(node -e 'fetch(process.argv[1], { headers: { authorization: "Bearer flashback-token-ada" } }).then((r) => console.log(r.status), (e) => console.log(e.message))' "$1")
  [ "$status" = "$2" ] || { cat "$WORK/server.log" >&2; fail "$1 answered $status, expected $2"; }
}

run_container() { # "K=V K2=V2" as docker run -e would set them
  local run_env=() started healthy='' server_exe
  read -r -a run_env <<<"$1"
  PORT=$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  CONTAINER_ENV=(NODE_ENV=production HOST=127.0.0.1 PORT="$PORT" NO_COLOR=1 PATH="$NODE_BIN:$PATH" "${run_env[@]}")
  started=$(now_ms)
  (cd "$WORK/app" && exec env "${CONTAINER_ENV[@]}" "${RUN_AS[@]}" "${CMD[@]}" >"$WORK/server.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 150); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log" >&2; fail "the server exited during start-up (run: ${1:-no -e})"; fi
    if (cd "$WORK/app" && env "${CONTAINER_ENV[@]}" "${HEALTHCHECK[@]}"); then healthy=yes; break; fi
    sleep 0.1
  done
  [ -n "$healthy" ] || { cat "$WORK/server.log" >&2; fail "HEALTHCHECK never passed within 15 s (run: ${1:-no -e})"; }
  echo "start (${1:-no -e}): HEALTHCHECK passed $(($(now_ms) - started)) ms after \"${CMD[*]}\""
  # With a token, the pass must come from the token the HEALTHCHECK sends: the same probe without it is refused.
  if [[ " ${run_env[*]} " == *" MFA_SANDBOX_ADMIN_TOKEN="* ]] &&
    (cd "$WORK/app" && env "${CONTAINER_ENV[@]}" MFA_SANDBOX_ADMIN_TOKEN= "${HEALTHCHECK[@]}"); then
    fail 'the HEALTHCHECK passed without the admin token: the server did not require the token it was given'
  fi
  # The CMD exec'd its way to node (subshell -> env -> setpriv -> node), so the server's PID is node's: which binary?
  server_exe=$(readlink -f "/proc/$SERVER_PID/exe")
  [ "$server_exe" = "$(readlink -f "$NODE_BIN/node")" ] || fail "the server runs $server_exe, not the image's Node"
  # One vendor route of what the run serves: every surface under its prefix, or the one MFA_SANDBOX_SURFACE names at /.
  if [[ " ${run_env[*]} " == *" MFA_SANDBOX_SURFACE=lerian "* ]]; then
    expect_status "http://127.0.0.1:$PORT/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa" 401
  elif [[ " ${run_env[*]} " != *" MFA_SANDBOX_SURFACE="* ]]; then
    expect_status "http://127.0.0.1:$PORT/flashback/mfa/status" 200
    expect_status "http://127.0.0.1:$PORT/docs/flashback" 200
    expect_status "http://127.0.0.1:$PORT/__console/console.js" 200
  fi
  stop_server
}

for run in "${RUNS[@]}"; do run_container "$run"; done
echo "docker-equivalent-check: ok (${#RUNS[@]} run(s) on the image's Node $IMAGE_NODE_VERSION: the HEALTHCHECK passes and a vendor route answers from the production install)"
