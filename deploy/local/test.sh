#!/usr/bin/env bash
# `make test`: infrastructure up, one Release build, every test project in
# Platform.sln. The last output line is always the total, exactly
# "<N> passed, <N> failed, <N> skipped". Exits non-zero when dotnet test fails or
# when no test ran at all. The infrastructure stays up for fast reruns.
#
# Usage: deploy/local/test.sh [extra dotnet test args...]
#        TEST_ARGS='--filter FullyQualifiedName~Identity' make test
#        (TEST_ARGS is split on whitespace; pass arguments containing spaces
#        directly to this script instead.)
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v dotnet >/dev/null 2>&1 || die "dotnet SDK not found on PATH"

"$LOCAL_DIR/up.sh"
# A real S3-compatible server for the document-storage tests (npm's s3rver; each test fixture starts its own).
"$LOCAL_DIR/s3.sh" install || warn "s3rver could not be installed: the S3 document-storage tests will be skipped"
# OCR for scanned term sheets (Debian's tesseract). Without it loans records scans as "needs OCR" and
# the OCR tests are skipped, so a missing package costs coverage, not the run.
command -v tesseract >/dev/null 2>&1 || (apt_install tesseract-ocr) || warn "tesseract-ocr could not be installed: the OCR tests will be skipped"

# tests/Deploy.Tests renders deploy/k8s with `kubectl kustomize` (Debian's kubectl package).
command -v kubectl >/dev/null 2>&1 || (apt_install kubectl) || warn "kubectl could not be installed: the manifest tests will be skipped (failed under CI=true)"

# Tests read PLATFORM_* to reach the infrastructure and to find repo files.
# shellcheck source=/dev/null
. "$RUN/infra.env"
export PLATFORM_REPO_ROOT="$REPO" PLATFORM_RUN_DIR="$RUN"
# The summary below parses English test-runner output.
export DOTNET_CLI_UI_LANGUAGE=en VSLANG=1033

log "dotnet build Platform.sln -c Release"
dotnet build "$REPO/Platform.sln" -c Release --nologo

# Known-vulnerable packages fail the run (after the tests, so one run tells everything) unless
# deploy/vulnerability-exceptions.txt lists them with a reason. Where the package sources give no
# vulnerability data the check says so and does not fail.
vulnerable=0
if command -v python3 >/dev/null 2>&1; then
  log "dotnet list package --vulnerable --include-transitive"
  set +e
  dotnet list "$REPO/Platform.sln" package --vulnerable --include-transitive --format json 2>/dev/null |
    python3 "$LOCAL_DIR/vulnerabilities.py" "$REPO/deploy/vulnerability-exceptions.txt"
  case "${PIPESTATUS[1]}" in
    0) ;;
    2) warn "no vulnerability verdict (the package sources gave no data, or dotnet list failed): the check is kept for machines that have it" ;;
    *) vulnerable=1 ;;
  esac
  set -e
else
  warn "python3 not found: vulnerability and coverage summaries skipped"
fi

read -r -a extra_args <<<"${TEST_ARGS:-}"
results="$RUN/test-results"
logfile="$RUN/logs/test.log"
# Old .trx files would otherwise be mistaken for this run's results.
rm -rf "$results"
mkdir -p "$results" "$RUN/logs"

# Tests that stop the broker (category BrokerRestart) would break every other assembly running in
# parallel, so a plain `make test` runs them alone, after the rest, and only against the local broker
# up.sh started. With a custom filter (TEST_ARGS or arguments) everything runs in one pass and they
# skip themselves.
two_phase=
if ((${#extra_args[@]} == 0 && $# == 0)); then two_phase=1; fi

log "dotnet test Platform.sln (output also in $logfile)"
set +e
if [[ -n "$two_phase" ]]; then
  dotnet test "$REPO/Platform.sln" -c Release --no-build \
    --logger "console;verbosity=minimal" --logger trx --results-directory "$results" \
    --settings "$LOCAL_DIR/coverage.runsettings" --collect "XPlat Code Coverage" \
    --filter "TestCategory!=BrokerRestart" 2>&1 | tee "$logfile"
  status=${PIPESTATUS[0]}
  if "$LOCAL_DIR/broker.sh" can-control; then
    export PLATFORM_BROKER_CONTROL="$LOCAL_DIR/broker.sh"
    log "broker restart tests (RabbitMQ is stopped and started again)"
  else
    warn "the broker was not started by up.sh: broker restart tests are skipped"
  fi
  dotnet test "$REPO/tests/Platform.Messaging.Tests" -c Release --no-build \
    --logger "console;verbosity=normal" --logger trx --results-directory "$results" \
    --filter "TestCategory=BrokerRestart" 2>&1 | tee -a "$logfile"
  restart_status=${PIPESTATUS[0]}
  ((status != 0)) || status=$restart_status
else
  dotnet test "$REPO/Platform.sln" -c Release --no-build \
    --logger "console;verbosity=minimal" --logger trx --results-directory "$results" \
    "${extra_args[@]}" "$@" 2>&1 | tee "$logfile"
  status=${PIPESTATUS[0]}
fi
set -e

# Sums the <Counters> of every .trx file this run wrote (one per test assembly):
# exact numbers, independent of console formatting and of parallel interleaving.
read -r passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | tr '\n' ' ' | grep -o '<Counters [^>]*>' | awk '
    function attr(line, name) {
      if (!match(line, " " name "=\"[0-9]+\"")) return 0
      value = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", value); return value + 0
    }
    {
      p += attr($0, "passed")
      f += attr($0, "failed") + attr($0, "error") + attr($0, "timeout") + attr($0, "aborted")
      s += attr($0, "notExecuted") + attr($0, "inconclusive")
    }
    END { printf "%d %d %d\n", p, f, s }
  '
)

if command -v python3 >/dev/null 2>&1; then
  log "line coverage per project (target 85% for Domain and Application)"
  python3 "$LOCAL_DIR/coverage.py" "$results" 85 | tee "$RUN/logs/coverage.txt" || warn "coverage summary failed"
fi
# After the coverage table, so the failures sit next to the summary line at the end of the log.
if ((failed > 0)) && command -v python3 >/dev/null 2>&1; then
  python3 "$LOCAL_DIR/trx-failures.py" "$results" || true
fi
if ((vulnerable != 0)); then
  warn "a package with a known vulnerability is not listed in deploy/vulnerability-exceptions.txt"
  status=1
fi

if ((status == 0 && passed + failed + skipped == 0)); then
  warn "dotnet test succeeded but no test ran"
  status=1
fi
printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
exit "$status"
