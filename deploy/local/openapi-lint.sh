#!/usr/bin/env bash
# Lints every service's OpenAPI document with Redocly's recommended ruleset
# (redocly.yaml at the repository root says which rules are off, and why).
# Starts nothing itself. The documents come from either
#   - .run/openapi/<service>.json, written by the OpenAPI contract tests, e.g.
#       dotnet test tests/Deals.Tests -c Release --filter "FullyQualifiedName~OpenApi"
#     (one per service: Identity.Tests, Deals.Tests, Alerts.Tests, MarketData.Tests, Portfolio.Tests); or
#   - a running gateway, with --gateway [URL] (default http://127.0.0.1:8080),
#     which serves them as /openapi/<service>/v1.json.
# Redocly CLI runs through npx: from REDOCLY_PREFIX when it is installed there
# (npm i --prefix /tmp/redocly @redocly/cli), else fetched from the npm registry.
#
# Usage: deploy/local/openapi-lint.sh [--gateway [URL]]
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVICES=(identity deals alerts marketdata portfolio loans)
REDOCLY_PREFIX="${REDOCLY_PREFIX:-/tmp/redocly}"
REDOCLY_VERSION="${REDOCLY_VERSION:-2.77.0}"

command -v npx >/dev/null 2>&1 || die "npx not found on PATH (install Node.js 20 or later)"

documents_dir="$REPO/.run/openapi"
if [[ "${1:-}" == "--gateway" ]]; then
  gateway="${2:-http://127.0.0.1:8080}"
  documents_dir="$(mktemp -d)"
  trap 'rm -rf "$documents_dir"' EXIT
  for service in "${SERVICES[@]}"; do
    curl -fsS --max-time 10 -o "$documents_dir/$service.json" "${gateway%/}/openapi/$service/v1.json" \
      || die "cannot fetch ${gateway%/}/openapi/$service/v1.json: is the platform running (make run)?"
  done
fi

documents=()
for service in "${SERVICES[@]}"; do
  [[ -s "$documents_dir/$service.json" ]] \
    || die "$documents_dir/$service.json is missing: run the $service OpenAPI contract test, or use --gateway"
  documents+=("$documents_dir/$service.json")
done

if [[ -x "$REDOCLY_PREFIX/node_modules/.bin/redocly" ]]; then
  redocly=(npx --prefix "$REDOCLY_PREFIX" redocly)
else
  redocly=(npx --yes "@redocly/cli@$REDOCLY_VERSION")
fi

log "redocly lint (recommended, $REPO/redocly.yaml): ${documents[*]}"
"${redocly[@]}" lint --config "$REPO/redocly.yaml" "${documents[@]}"
