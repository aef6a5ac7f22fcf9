#!/usr/bin/env bash
# The web interface's lint: ESLint and Prettier over web/src and web/tests
# (`npm run lint`), then the translation check (`npm run test:i18n`: zh.json and
# en.json have the same keys and every t('key') used in src/ exists) and the CSV
# export's check (`npm run test:csv`: formula text written as text, numbers as
# numbers). Fails on any finding.
# Usage: tests/web/lint.sh   (needs web/node_modules: make web)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT/web"
if [ ! -x node_modules/.bin/eslint ] || [ ! -x node_modules/.bin/prettier ]; then
  echo "web lint needs web/node_modules (make web, or npm ci in web/)" >&2
  exit 1
fi
npm run --silent lint
npm run --silent test:i18n
npm run --silent test:csv
