# Sourced by the test and demo scripts: puts a Node that meets the generator's floor (22.15) first on
# PATH. When the machine's Node is older, Node 24 is installed from the npm registry into
# ~/.cache/groundwork/node24 (the same place the end-to-end tests use), once.
node_ok() { node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 15) ? 0 : 1)' 2>/dev/null; }
if ! node_ok; then
  node24_dir="${GROUNDWORK_NODE24_DIR:-$HOME/.cache/groundwork/node24}"
  if [ ! -x "$node24_dir/node_modules/.bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo '(none)') is older than 22.15: installing Node 24 into $node24_dir" >&2
    mkdir -p "$node24_dir"
    [ -f "$node24_dir/package.json" ] || echo '{ "private": true }' > "$node24_dir/package.json"
    (cd "$node24_dir" && npm install --no-save --no-audit --no-fund node@24 >/dev/null)
  fi
  export PATH="$node24_dir/node_modules/.bin:$PATH"
  # The machine's npmrc may point nodedir at an older Node's headers.
  export npm_config_nodedir="$node24_dir/node_modules/node/node_modules/node-$(node -p 'process.platform + "-" + process.arch')"
fi
