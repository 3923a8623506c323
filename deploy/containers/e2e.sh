#!/usr/bin/env bash
# The end-to-end flow through a running gateway (make run-containers runs it last): a new user
# registers (and is an analyst), signs in, creates and submits a deal; the demo reviewer of
# deploy/local/demo-users.json, signed in beforehand, gets the alert on their Server-Sent Events
# stream and in their alert list. Exits non-zero, saying where, when any step fails.
#
# Usage: deploy/containers/e2e.sh          Env: GATEWAY_URL (http://127.0.0.1:18080)
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"

GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:${CONTAINERS_GATEWAY_PORT:-18080}}"
command -v jq >/dev/null 2>&1 || apt_install jq
work="$(mktemp -d)"
stream_pid=""
cleanup() {
  if [[ -n "$stream_pid" ]]; then kill "$stream_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# call <expected status> <method> <path> [token] [json body]: prints the response body.
call() {
  local expected="$1" method="$2" path="$3" token="${4:-}" body="${5:-}" status
  local args=(-s -o "$work/body" -w '%{http_code}' -m 20 -X "$method" -H 'Accept: application/json')
  [[ -z "$token" ]] || args+=(-H "Authorization: Bearer $token")
  [[ -z "$body" ]] || args+=(-H 'Content-Type: application/json' --data "$body")
  status="$(curl "${args[@]}" "$GATEWAY_URL$path" || true)"
  if [[ "$status" != "$expected" ]]; then
    echo "---- $method $path: HTTP $status, expected $expected ----" >&2
    cat "$work/body" >&2 || true
    echo >&2
    die "end-to-end flow failed at $method $path"
  fi
  cat "$work/body"
}

login() { call 200 POST /api/v1/auth/login "" "$(jq -nc --arg e "$1" --arg p "$2" '{email: $e, password: $p}')" | jq -r .accessToken; }

demo_password() { jq -r --arg role "$1" 'map(select(.role == $role))[0] | .email + " " + .password' "$LOCAL_DIR/demo-users.json"; }

t0=$SECONDS
log "e2e through $GATEWAY_URL"
read -r reviewer_email reviewer_password <<<"$(demo_password reviewer)"
reviewer="$(login "$reviewer_email" "$reviewer_password")"
log "e2e: signed in as the demo reviewer $reviewer_email"

# The reviewer watches their live alert stream while the analyst works.
curl -s -N -m 60 -H "Authorization: Bearer $reviewer" -H 'Accept: text/event-stream' \
  "$GATEWAY_URL/api/v1/alerts/stream" >"$work/stream" 2>/dev/null &
stream_pid=$!

email="e2e-$(date +%s)-$RANDOM@example.com"
password="Harbor-$(gen_secret | cut -c1-12)-Meadow"
call 201 POST /api/v1/auth/register "" "$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, password: $p, displayName: "Flow Checker"}')" >/dev/null
analyst="$(login "$email" "$password")"
roles="$(call 200 GET /api/v1/auth/me "$analyst" | jq -r '.roles | join(",")')"
log "e2e: registered and signed in $email (roles: $roles)"

deal="$(call 201 POST /api/v1/deals "$analyst" '{"name":"Containers to acquire Manifests","type":"acquisition","targetName":"Manifests","announcedOn":"2026-12-01","currency":"USD"}')"
deal_id="$(jq -r .id <<<"$deal")"
call 200 POST "/api/v1/deals/$deal_id/submit" "$analyst" >/dev/null
log "e2e: deal $deal_id created and submitted for review"

deadline=$((SECONDS + 30))
until grep -q "\"subjectId\":\"$deal_id\"" "$work/stream" 2>/dev/null; do
  if ((SECONDS >= deadline)); then
    echo "---- the reviewer's stream ----" >&2
    cat "$work/stream" >&2
    die "end-to-end flow failed: no alert for deal $deal_id on the reviewer's stream within 30 s"
  fi
  sleep 0.5
done
alert="$(grep "^data: .*\"subjectId\":\"$deal_id\"" "$work/stream" | head -1 | cut -c7-)"
log "e2e: the reviewer's stream delivered: $(jq -c '{category, severity, message}' <<<"$alert")"

listed="$(call 200 GET '/api/v1/alerts?category=deal' "$reviewer" | jq --arg id "$deal_id" '[.items[] | select(.subjectId == $id)] | length')"
[[ "$listed" == 1 ]] || die "end-to-end flow failed: the reviewer's alert list shows $listed alerts for deal $deal_id"
log "e2e: passed in $((SECONDS - t0))s (register, sign in, create and submit a deal, the reviewer's alert on the stream and in the list)"
