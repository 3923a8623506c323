#!/usr/bin/env bash
# Portfolio risk kernels: option greeks per kernel (scalar, Vector256, Vector512) and historical VaR
# with full revaluation. Extra arguments go to BenchmarkDotNet, e.g. --filter '*Greeks*' or --disasm.
# Figures and their analysis: docs/benchmarks.md, "Portfolio risk kernels".
set -euo pipefail
cd "$(dirname "$0")/.."
lscpu | grep -E 'Model name|^CPU\(s\)'
case " $* " in
    *" --filter "*) ;;
    *) set -- --filter '*' "$@" ;;
esac
dotnet run -c Release --project benchmarks/PortfolioBench -- "$@"
