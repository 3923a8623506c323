#!/usr/bin/env bash
# Checks the monitoring definitions: promtool's syntax check and unit tests of the alert rules, and
# that the Grafana dashboard is well-formed JSON. Installs Debian's `prometheus` (promtool) when
# missing and run as root. Which metric names they may use is tests/Operations.Tests' business.
#
# Usage: deploy/ops/check-monitoring.sh
set -euo pipefail

# shellcheck source=deploy/ops/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v promtool >/dev/null 2>&1 || apt_install prometheus
promtool check rules "$REPO/deploy/prometheus/alert-rules.yml"
(cd "$REPO/deploy/prometheus" && promtool test rules alert-rules.test.yml)
python3 -m json.tool "$REPO/deploy/grafana/platform-dashboard.json" >/dev/null ||
  die "deploy/grafana/platform-dashboard.json is not valid JSON"
log "monitoring definitions: SUCCESS"
