#!/usr/bin/env bash
# `npm test`: every check CI runs, in order, inside a private unlocked keyring session.
# Integration tests start the real MinIO built from source (scripts/build-tools.sh, cached).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/provision.sh
scripts/build-tools.sh
exec scripts/with-keyring.sh bash -c '
  set -euo pipefail
  npm run --silent typecheck
  npm run --silent lint
  npm run --silent build
  npx vitest run
  npx playwright test
'
