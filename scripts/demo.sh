#!/usr/bin/env bash
# npm run demo [-- dir]: generates a project on the embedded defaults (no database or Redis server
# needed), installs, builds and runs it on $PORT (default 3000). Ctrl-C or SIGTERM stops it cleanly.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/use-node.sh"
port="${PORT:-3000}"
default_target="$root/.cache/demo/my-api"
target="${1:-$default_target}"

npm --prefix "$root" run --silent build
# Only the default demo folder is replaced; a directory you name must be new or empty.
if [ "$target" = "$default_target" ]; then rm -rf "$target"; fi
mkdir -p "$(dirname "$target")"
node "$root/bin/create-groundwork.js" "$target" --yes --no-git
cd "$target"
npm run --silent build

echo
echo "Listening on http://127.0.0.1:$port (Ctrl-C stops it). Try:"
echo "  curl -i http://127.0.0.1:$port/readyz"
echo "  curl http://127.0.0.1:$port/metrics"
echo "  open http://127.0.0.1:$port/docs"
# npm does not pass SIGTERM on to its script, so `kill <npm run demo>` would orphan the server: run it
# as our child, forward Ctrl-C/SIGTERM to it, and stop it too when whoever started us (npm) is gone.
start="$(node -p 'require("./package.json").scripts.start')"
export PORT="$port" HOST="${HOST:-127.0.0.1}"
parent=$PPID
sh -c "exec $start" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null' INT TERM HUP
( while kill -0 "$parent" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 1; done; kill -TERM "$server" 2>/dev/null ) &
watchdog=$!
# wait returns early when a trapped signal arrives: wait again until the server itself has exited.
while :; do
  if wait "$server"; then status=0; else status=$?; fi
  kill -0 "$server" 2>/dev/null || break
done
kill "$watchdog" 2>/dev/null || true
exit "$status"
