#!/usr/bin/env bash
# The per-user rate limit holds across two gateways (docs/benchmarks.md#scale-out): with
# `REPLICAS=2 make run` (started here if it is not running), a fresh user sends REQUESTS requests
# (GET /api/v1/auth/me), CONCURRENCY at a time, alternately through the gateway on GATEWAY_PORT and
# the second one on GATEWAY_PORT + 1, and counts what was admitted and what was refused with 429.
# The limit is one token bucket per user in Redis (gateway/Gateway/RedisRateLimitStore.cs): a full
# bucket of PERMITS (RateLimiting:PermitsPerMinute, 100), refilled by one every 60/PERMITS seconds.
# So the admitted count must be PERMITS plus the refills during the run (plus at most one optimistic
# admission per gateway, FallbackRateLimiter.cs), not twice that as two separate limits would allow.
# Exits 1 when it is not.
#
# Usage: benchmarks/scaleout-ratelimit.sh
# Env: REQUESTS (400), CONCURRENCY (8), PERMITS (100, as the gateways are configured), GATEWAY_PORT (8080),
#      OUT_DIR (/tmp/scaleout-ratelimit-<time>)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/local/lib.sh
. "$repo/deploy/local/lib.sh"
requests="${REQUESTS:-400}"
concurrency="${CONCURRENCY:-8}"
permits="${PERMITS:-100}"
gateway_port="${GATEWAY_PORT:-8080}"
out="${OUT_DIR:-/tmp/scaleout-ratelimit-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"

REPLICAS=2 make -C "$repo" run >"$out/make-run.log" 2>&1 || { tail -30 "$out/make-run.log" >&2; exit 1; }
export FIRST="http://127.0.0.1:$gateway_port" SECOND="http://127.0.0.1:$((gateway_port + 1))"

# A user of this run only, so its bucket starts full.
email="ratelimit-$(gen_secret | cut -c1-12)@bench.local"
password="$(gen_secret)"
curl -fsS -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Rate limit bench\"}" "$FIRST/api/v1/auth/register"
TOKEN="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$SECOND/api/v1/auth/login" |
  grep -oE '"accessToken":"[^"]+"' | cut -d'"' -f4)"
export TOKEN
[[ -n "$TOKEN" ]] || die "no access token for $email"

log "$requests requests of one user, $concurrency at a time, alternately through $FIRST and $SECOND"
started=$(date +%s.%N)
# shellcheck disable=SC2016 # expanded by the inner sh
seq 1 "$requests" | xargs -P "$concurrency" -I{} sh -c '
  if [ $(({} % 2)) -eq 0 ]; then gateway="$FIRST"; else gateway="$SECOND"; fi
  curl -s -o /dev/null -m 30 -w "%{http_code} $gateway\n" -H "Authorization: Bearer $TOKEN" "$gateway/api/v1/auth/me"' >"$out/responses.txt"
elapsed="$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')"

count() { awk -v code="$1" -v gw="${2:-}" '$1 == code && (gw == "" || $2 == gw)' "$out/responses.txt" | wc -l; }
admitted="$(count 200)"
refused="$(count 429)"
other=$((requests - admitted - refused))
# Tokens the bucket gained while the run lasted, and the optimistic admissions two gateways may add.
refills="$(awk -v t="$elapsed" -v p="$permits" 'BEGIN { printf "%d", t * p / 60 }')"
ceiling=$((permits + refills + 1 + 2 * (permits / 100 > 1 ? permits / 100 : 1)))
{
  printf 'requests %d in %.1f s: admitted %d (first gateway %d, second %d), 429 %d, other %d\n' \
    "$requests" "$elapsed" "$admitted" "$(count 200 "$FIRST")" "$(count 200 "$SECOND")" "$refused" "$other"
  separate=$((2 * (permits + refills)))
  printf 'limit: %d a minute per user, bucket %d + %d refilled during the run; allowed at most %d; a limit per gateway would admit %d\n' \
    "$permits" "$permits" "$refills" "$ceiling" $((separate < requests ? separate : requests))
} | tee "$out/summary.txt"
((other == 0)) || die "$other responses were neither 200 nor 429 (see $out/responses.txt)"
((admitted >= permits && admitted <= ceiling)) || die "admitted $admitted, outside [$permits, $ceiling]"
log "the limit holds across both gateways (results in $out)"
