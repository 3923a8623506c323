# Sourced by the gateway benchmarks: a gateway process of their own, configured like make run's
# (deploy/local/service-env.sh) but with rate limits lifted, proxying identity on 5101.
#
#   start_bench_gateway <url> <Gateway.dll> <log file> [VAR=value ...]
#
# Sets bench_gateway_launcher (the subshell's pid, for kill in a trap) and waits for /health/ready.
start_bench_gateway() {
  local url="$1" dll="$2" log="$3"; shift 3
  local repo; repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  eval "$("$repo/deploy/local/service-env.sh" gateway)"
  (
    cd "$(dirname "$dll")"
    ASPNETCORE_URLS="$url" ASPNETCORE_ENVIRONMENT=Production \
      Auth__Issuer="http://127.0.0.1:${GATEWAY_PORT:-8080}" Auth__JwksUri="http://127.0.0.1:5101/.well-known/jwks.json" \
      ReverseProxy__Clusters__identity__Destinations__primary__Address="http://127.0.0.1:5101/" \
      RateLimiting__PermitsPerMinute=1000000 RateLimiting__LoginPermitsPerMinute=1000000 \
      RateLimiting__LoginPermitsPerMinutePerIp=1000000 Logging__LogLevel__Default=Warning \
      exec env "$@" dotnet "$dll"
  ) >"$log" 2>&1 &
  bench_gateway_launcher=$!
  for _ in $(seq 1 60); do curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null && return 0; sleep 0.5; done
  echo "benchmark gateway did not start:" >&2; tail -20 "$log" >&2
  return 1
}
