#!/usr/bin/env bash
# Every test: build, type-check, unit + CLI tests, then end to end (matrix, generated projects
# under Node 24, real PostgreSQL/Redis). Each step names itself so a failure is easy to place.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/use-node.sh
echo "== node $(node --version)"
results=.cache/test-results
rm -rf "$results" && mkdir -p "$results"

echo "== build"
npm run --silent build > /dev/null
echo "== typecheck (generator and tests)"
npm run --silent typecheck
echo "== unit and CLI tests"
npx vitest run --project unit --project cli --reporter=default --reporter=json --outputFile.json="$results/fast.json"
echo "== every combination of the catalog: structure and types"
npm run --silent matrix
echo "== end-to-end tests"
npx vitest run --project e2e --reporter=default --reporter=json --outputFile.json="$results/e2e.json" "$@"

# One plain closing line for whoever reads the log (CI included).
node -e '
const files = process.argv.slice(1).map((f) => JSON.parse(require("node:fs").readFileSync(f, "utf8")));
const sum = (key) => files.reduce((n, r) => n + r[key], 0);
console.log(`${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests") + sum("numTodoTests")} skipped`);
' "$results/fast.json" "$results/e2e.json"
