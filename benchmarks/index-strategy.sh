#!/usr/bin/env bash
# Index strategy simulation (docs/benchmarks.md, "Index strategy simulation"):
#  1. the engine alone, BenchmarkDotNet (benchmarks/PortfolioBench, IndexStrategyBenchmarks): 50 names,
#     ten years of days, per weighting rule;
#  2. end to end: POST /api/v1/index-strategies/{id}/simulate through the service's HTTP pipeline
#     (WebApplicationFactory, in process) on real PostgreSQL and Redis, after seeding 50 names x 2,583
#     days of closes and a CHF/USD rate a day (tests/Portfolio.Tests/IndexStrategies/IndexSimulationEndToEndBenchmark.cs).
#     Computed (each call a new amount, so a cache miss) and cached medians over INDEX_BENCH_RUNS (5) calls.
# Needs the infrastructure of deploy/local/up.sh (its .run/infra.env). Extra arguments go to BenchmarkDotNet,
# e.g. --job short on a loaded machine.
# Usage: benchmarks/index-strategy.sh [engine|e2e|all] [BenchmarkDotNet args...]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
what="${1:-all}"
[[ $# -gt 0 ]] && shift
echo "cores: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ "$what" == engine || "$what" == all ]]; then
  dotnet run -c Release --project benchmarks/PortfolioBench -- --filter '*IndexStrategyBenchmarks*' "$@"
fi
if [[ "$what" == e2e || "$what" == all ]]; then
  # shellcheck source=/dev/null
  . "$repo/.run/infra.env"
  export PLATFORM_REPO_ROOT="$repo" PLATFORM_RUN_DIR="$repo/.run"
  dotnet build tests/Portfolio.Tests -c Release -v q -nologo
  dotnet test tests/Portfolio.Tests -c Release --no-build --logger 'console;verbosity=detailed' \
    --filter 'FullyQualifiedName~IndexSimulationEndToEndBenchmark' | grep -E 'seeded|computed median|Passed|Failed'
fi
