#!/usr/bin/env bash
# Generates a project on the embedded defaults (no database or Redis server needed) and runs it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-$root/.cache/demo/my-api}"

npm --prefix "$root" run --silent build
rm -rf "$target"
mkdir -p "$(dirname "$target")"
node "$root/bin/create-groundwork.js" "$target" --yes --no-git
cd "$target"
echo
echo "Starting $target on http://127.0.0.1:3000 (Ctrl-C stops it)."
echo "Try: curl -i http://127.0.0.1:3000/readyz ; curl http://127.0.0.1:3000/metrics ; open http://127.0.0.1:3000/docs"
npm run build
exec npm start
