#!/usr/bin/env bash
# Every test: build, type-check, unit + CLI tests, then end to end (matrix, generated projects
# under Node 24, real PostgreSQL/Redis). Each step names itself so a failure is easy to place.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build"
npm run --silent build
echo "== typecheck (generator and tests)"
npm run --silent typecheck
echo "== unit and CLI tests"
npx vitest run --project unit --project cli
echo "== end-to-end tests"
npx vitest run --project e2e "$@"
