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
# exec the start script's command itself: npm would not pass SIGTERM on to the server.
start="$(node -p 'require("./package.json").scripts.start')"
export PORT="$port" HOST="${HOST:-127.0.0.1}"
exec sh -c "exec $start"
