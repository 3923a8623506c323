#!/usr/bin/env bash
# `make run-containers`: the suite from its Kubernetes manifests (deploy/k8s).
#
# - A cluster configured (kubectl's current context answers, or PLATFORM_K8S_OVERLAY is set and it
#   answers): `kubectl apply -k deploy/k8s/overlays/$PLATFORM_K8S_OVERLAY` (default dev), Jobs
#   first, then waits for every rollout. The <name>-secrets Secrets must exist there already.
# - Otherwise podman: renders deploy/k8s/overlays/podman (and its infra/) with `kubectl kustomize`
#   and plays them with `podman kube play`: PostgreSQL, RabbitMQ and Redis, then alerts and
#   portfolio (their queues must be bound before identity publishes the demo users), identity, the
#   other services, the gateway on 127.0.0.1:$CONTAINERS_GATEWAY_PORT (18080). Each service's
#   migrations run as its pod's init container. Waits until every pod is ready, scrapes them with
#   Prometheus (127.0.0.1:$CONTAINERS_PROMETHEUS_PORT, 19090) and runs deploy/containers/e2e.sh.
#   Secrets are generated here into .run/kube/ (Kubernetes Secret documents, mode 600, loaded as
#   podman secrets), never into the repository.
#
# Usage: deploy/containers/run-containers.sh [start|stop|status]
# Env:   CONTAINERS_GATEWAY_PORT (18080), CONTAINERS_PROMETHEUS_PORT (19090), PLATFORM_IMAGE_TAG (dev),
#        CONTAINERS_SKIP_E2E=1 (no end-to-end run), CONTAINERS_MODE=podman|kubectl (default: detect),
#        PLATFORM_K8S_OVERLAY (dev), CONTAINERS_READY_TIMEOUT (seconds per stage, 600)
set -euo pipefail

# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../local/lib.sh"

CONTAINERS_DIR="$REPO/deploy/containers"
# podman reads this instead of /etc/containers/containers.conf (runc, no default ulimits).
export CONTAINERS_CONF="${CONTAINERS_CONF:-$CONTAINERS_DIR/containers.conf}"
K8S="$REPO/deploy/k8s"
STATE="$RUN/kube"
GATEWAY_PORT="${CONTAINERS_GATEWAY_PORT:-18080}"
PROMETHEUS_PORT="${CONTAINERS_PROMETHEUS_PORT:-19090}"
IMAGE_TAG="${PLATFORM_IMAGE_TAG:-dev}"
READY_TIMEOUT="${CONTAINERS_READY_TIMEOUT:-600}"

# Loopback ports of the podman overlay (deploy/k8s/overlays/podman/configmaps.yaml).
declare -A PORT=([identity]=18081 [deals]=18082 [alerts]=18083 [marketdata]=18084 [portfolio]=18085 [loans]=18086 [gateway]="$GATEWAY_PORT")
PG_PORT=18432 RMQ_PORT=18672 REDIS_PORT_C=18379
# Start order: consumers of identity's events first, then identity, then the rest, the gateway last.
STAGES=("alerts portfolio" "identity" "deals marketdata loans" "gateway")
SECRET_KEYS=(PLATFORM_PG_SUPERPASSWORD PLATFORM_RABBITMQ_PASSWORD PLATFORM_IDENTITY_KEY_PASSPHRASE
  PLATFORM_CLIENT_SECRET_DEALS PLATFORM_CLIENT_SECRET_PORTFOLIO S3_ACCESS_KEY S3_SECRET_KEY)
for _svc in "${PLATFORM_SERVICES[@]}"; do SECRET_KEYS+=("PLATFORM_DB_PASSWORD_${_svc^^}"); done
unset _svc

elapsed() { printf '%ss' "$((SECONDS - ${1:-0}))"; }

# --- a real cluster ---------------------------------------------------------------------------

cluster_reachable() {
  [[ "${CONTAINERS_MODE:-}" != podman ]] || return 1
  command -v kubectl >/dev/null 2>&1 || return 1
  kubectl config current-context >/dev/null 2>&1 || return 1
  kubectl version --request-timeout=5s >/dev/null 2>&1
}

run_kubectl() {
  local overlay="$K8S/overlays/${PLATFORM_K8S_OVERLAY:-dev}" rendered="$STATE/cluster.yaml" name missing=() jobs=()
  [[ -d "$overlay" ]] || die "no overlay $overlay"
  mkdir -p "$STATE"
  kubectl kustomize "$overlay" >"$rendered"
  log "cluster $(kubectl config current-context): applying $overlay"
  kubectl apply -f "$K8S/base/namespace.yaml"
  for name in "${PLATFORM_SERVICES[@]}" gateway; do
    kubectl -n platform get secret "$name-secrets" >/dev/null 2>&1 || missing+=("$name-secrets")
  done
  ((${#missing[@]} == 0)) || die "create the Secrets first (from deploy/k8s/base/*/*.secret.example.yaml): ${missing[*]}"
  # Jobs are immutable: replace them, migrate, then roll out (deploy/README.md, release steps).
  for name in "${PLATFORM_SERVICES[@]}"; do jobs+=("job/$name-migrate"); done
  kubectl -n platform delete "${jobs[@]}" --ignore-not-found
  kubectl apply -f "$rendered" -l 'app.kubernetes.io/component in (config,migration)'
  kubectl -n platform wait --for=condition=complete "${jobs[@]}" --timeout=15m
  # The consumers of identity's events first (deploy/README.md, "Start order").
  kubectl apply -f "$rendered" -l 'app.kubernetes.io/name in (alerts,portfolio)'
  for name in alerts portfolio; do kubectl -n platform rollout status "deployment/$name" --timeout=10m; done
  kubectl apply -f "$rendered"
  for name in identity deals marketdata loans gateway; do
    kubectl -n platform rollout status "deployment/$name" --timeout=10m
  done
  log "every Deployment rolled out; the gateway is Service gateway in namespace platform"
}

# --- podman -------------------------------------------------------------------------------------

require_podman() {
  command -v podman >/dev/null 2>&1 || die "podman not found: apt-get install podman runc (see deploy/README.md)"
  [[ -f "$CONTAINERS_CONF" ]] || die "$CONTAINERS_CONF missing (make images writes the podman settings it uses)"
  command -v kubectl >/dev/null 2>&1 || apt_install kubectl
  local image missing=()
  for image in "${PLATFORM_SERVICES[@]/%/:$IMAGE_TAG}" "gateway:$IMAGE_TAG" postgres:15 rabbitmq:3.10 redis:7; do
    podman image exists "localhost/platform/$image" || missing+=("platform/$image")
  done
  ((${#missing[@]} == 0)) || die "images missing (run make images): ${missing[*]}"
}

# Kubernetes Secret documents with fresh values, loaded as podman secrets: `podman kube play`
# resolves secretKeyRef from a podman secret holding such a document.
make_secrets() {
  local file="$STATE/secrets.env" key name
  mkdir -p "$STATE/secrets"
  chmod 700 "$STATE"
  if [[ ! -s "$file" ]]; then
    (umask 077 && for key in "${SECRET_KEYS[@]}"; do printf '%s=%s\n' "$key" "$(gen_secret)"; done >"$file")
  fi
  # shellcheck source=/dev/null
  . "$file"
  local redis="127.0.0.1:$REDIS_PORT_C" amqp="amqp://platform:$PLATFORM_RABBITMQ_PASSWORD@127.0.0.1:$RMQ_PORT/platform"
  secret_doc infra-secrets PLATFORM_PG_SUPERPASSWORD "$PLATFORM_PG_SUPERPASSWORD" PLATFORM_RABBITMQ_PASSWORD "$PLATFORM_RABBITMQ_PASSWORD"
  secret_doc gateway-secrets ConnectionStrings__Redis "$redis"
  for name in "${PLATFORM_SERVICES[@]}"; do
    local pw_var="PLATFORM_DB_PASSWORD_${name^^}" extra=()
    case "$name" in
      identity) extra=(Identity__SigningKeyPassphrase "$PLATFORM_IDENTITY_KEY_PASSPHRASE"
        Identity__Clients__1__Secret "$PLATFORM_CLIENT_SECRET_DEALS" Identity__Clients__2__Secret "$PLATFORM_CLIENT_SECRET_PORTFOLIO") ;;
      deals) extra=(Auth__Client__Secret "$PLATFORM_CLIENT_SECRET_DEALS") ;;
      portfolio) extra=(Auth__Client__Secret "$PLATFORM_CLIENT_SECRET_PORTFOLIO") ;;
    esac
    # The base reads S3 credentials; here documents are on a volume, so these are never used.
    case "$name" in portfolio | loans) extra+=(Storage__S3__AccessKey "$S3_ACCESS_KEY" Storage__S3__SecretKey "$S3_SECRET_KEY") ;; esac
    secret_doc "$name-secrets" \
      ConnectionStrings__Postgres "Host=127.0.0.1;Port=$PG_PORT;Database=platform;Username=${name}_svc;Password=${!pw_var};Maximum Pool Size=50" \
      ConnectionStrings__RabbitMq "$amqp" ConnectionStrings__Redis "$redis" "${extra[@]}"
  done
}

# secret_doc <name> <key> <value> [<key> <value>...]: writes one Secret document (for the record,
# and for kubectl on a cluster) and loads it into podman. Podman 4.3 resolves a secretKeyRef from a
# podman secret holding the Secret's `data` as JSON (key -> base64 value), so that is what it gets.
secret_doc() {
  local name="$1" doc="$STATE/secrets/$1.yaml" pairs=() mask
  shift
  mask="$(umask)" && umask 077
  printf 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: %s\ntype: Opaque\nstringData:\n' "$name" >"$doc"
  while (($# > 1)); do
    printf '  %s: %s\n' "$1" "$(jq -n --arg v "$2" '$v')" >>"$doc"
    pairs+=(--arg "$1" "$2")
    shift 2
  done
  umask "$mask"
  podman secret rm "$name" >/dev/null 2>&1 || true
  jq -n '$ARGS.named | map_values(@base64)' "${pairs[@]}" | podman secret create "$name" - >/dev/null
}

# The apps overlay as played here: the podman overlay, the image tag, the demo users' ConfigMap
# from deploy/local/demo-users.json, the gateway's port when it is not the default.
render() {
  local play="$STATE/play"
  rm -rf "$play" && mkdir -p "$play"
  cp "$LOCAL_DIR/demo-users.json" "$play/demo-users.json"
  {
    printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - %s\n' \
      "$(realpath --relative-to="$play" "$K8S/overlays/podman")"
    printf 'images:\n'
    for name in "${PLATFORM_SERVICES[@]}" gateway; do printf '  - name: platform/%s\n    newTag: "%s"\n' "$name" "$IMAGE_TAG"; done
    printf 'configMapGenerator:\n  - name: identity-demo-users\n    files: [demo-users.json]\n'
    printf '    options:\n      disableNameSuffixHash: true\n      labels: {app.kubernetes.io/name: identity}\n'
    if [[ "$GATEWAY_PORT" != 18080 ]]; then
      printf 'patches:\n  - target: {kind: Deployment, name: gateway}\n    patch: |-\n'
      printf '      - {op: replace, path: /spec/template/spec/containers/0/ports/0/containerPort, value: %s}\n' "$GATEWAY_PORT"
      printf '  - target: {kind: ConfigMap, name: ".*-config"}\n    patch: |-\n'
      printf '      - {op: replace, path: /data/Auth__Issuer, value: "http://127.0.0.1:%s"}\n' "$GATEWAY_PORT"
      printf '  - target: {kind: ConfigMap, name: gateway-config}\n    patch: |-\n'
      printf '      - {op: replace, path: /data/ASPNETCORE_URLS, value: "http://127.0.0.1:%s"}\n' "$GATEWAY_PORT"
    fi
  } >"$play/kustomization.yaml"
  kubectl kustomize "$K8S/overlays/podman/infra" >"$STATE/infra.yaml"
  kubectl kustomize "$play" >"$STATE/apps.yaml"
  # One file per deployable (its ConfigMaps and Deployment), so they can be played in order.
  rm -f "$STATE"/app-*.yaml
  awk -v dir="$STATE" '
    function flush() { if (doc != "" && name != "") { printf "---\n%s", doc >> (dir "/app-" name ".yaml"); close(dir "/app-" name ".yaml") } doc = ""; name = "" }
    /^---$/ { flush(); next }
    { doc = doc $0 "\n" }
    name == "" && /^    app.kubernetes.io\/name: / { name = $2 }
    END { flush() }
  ' "$STATE/apps.yaml"
  for name in "${PLATFORM_SERVICES[@]}" gateway; do
    [[ -s "$STATE/app-$name.yaml" ]] || die "rendering gave nothing for $name (see $STATE/apps.yaml)"
  done
}

play() {
  local file="$1" out
  if ! out="$(podman kube play --replace "$file" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "podman kube play $file failed"
  fi
  printf '%s\n' "$file" >>"$STATE/played"
}

# wait_until <what> <command...>: retries the command for READY_TIMEOUT seconds.
wait_until() {
  local what="$1" deadline=$((SECONDS + READY_TIMEOUT))
  shift
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      pod_logs "$what"
      die "$what: not ready within ${READY_TIMEOUT}s"
    fi
    sleep 1
  done
}

http_ready() { [[ "$(curl -s -o /dev/null -m 3 -w '%{http_code}' "http://127.0.0.1:$1/health/ready")" == 200 ]]; }

pod_running() { [[ "$(podman pod inspect --format '{{.State}}' "$1-pod-0" 2>/dev/null)" == Running ]]; }

pod_logs() {
  local pod="$1-pod-0" container
  for container in $(podman pod inspect --format '{{range .Containers}}{{.Name}} {{end}}' "$pod" 2>/dev/null); do
    [[ "$container" == *-infra ]] && continue
    echo "---- last 30 lines of $container ----" >&2
    podman logs --tail 30 "$container" >&2 2>&1 || true
  done
}

provision_database() {
  local name pw_var
  for name in "${PLATFORM_SERVICES[@]}"; do
    pw_var="PLATFORM_DB_PASSWORD_${name^^}"
    SERVICE_DB_PASSWORD="${!pw_var}" PGPASSWORD="$PLATFORM_PG_SUPERPASSWORD" \
      psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d platform -v "svc=$name" \
      -f "$REPO/deploy/docker/postgres-provision.sql" >/dev/null
  done
}

start_prometheus() {
  local config="$REPO/deploy/prometheus/prometheus-containers.yml" data="$STATE/prometheus" pidfile="$STATE/prometheus.pid"
  command -v prometheus >/dev/null 2>&1 || apt_install prometheus || { warn "prometheus not installed: no scraping"; return 0; }
  if [[ -s "$pidfile" ]] && kill -0 "$(<"$pidfile")" 2>/dev/null; then return 0; fi
  port_open "$PROMETHEUS_PORT" && die "port $PROMETHEUS_PORT is taken; set CONTAINERS_PROMETHEUS_PORT"
  mkdir -p "$data" "$RUN/logs"
  # Rule files are looked up next to the configuration; Prometheus reads them when they exist.
  nohup prometheus --config.file="$config" --storage.tsdb.path="$data" --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" \
    --storage.tsdb.retention.time=1d >>"$RUN/logs/prometheus-containers.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  wait_until prometheus curl -sf "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"
}

# Prints every scrape target and its health once all have been scraped; fails when one is down.
prometheus_targets() {
  local deadline=$((SECONDS + 60)) targets
  [[ -s "$STATE/prometheus.pid" ]] || return 0
  while :; do
    targets="$(curl -s "http://127.0.0.1:$PROMETHEUS_PORT/api/v1/targets?state=active")"
    if ! jq -e '.data.activeTargets | any(.health == "unknown")' <<<"$targets" >/dev/null || ((SECONDS >= deadline)); then
      break
    fi
    sleep 2
  done
  jq -r '.data.activeTargets[] | "  \(.labels.job)\t\(.scrapeUrl)\t\(.health)\t\(.lastError)"' <<<"$targets"
  jq -e '.data.activeTargets | all(.health == "up")' <<<"$targets" >/dev/null
}

start_podman() {
  local t0=$SECONDS stage_start name
  require_podman
  command -v jq >/dev/null 2>&1 || apt_install jq
  command -v psql >/dev/null 2>&1 || apt_install postgresql-client
  for port in "${PORT[@]}" "$PG_PORT" "$RMQ_PORT" "$REDIS_PORT_C"; do
    if port_open "$port" && ! pod_running identity; then die "port $port is in use by something else"; fi
  done
  mkdir -p "$STATE"
  if ! pod_running postgresql; then
    # A fresh start: no volume of an earlier run (data made with other secrets) may be reused.
    render && remove_volumes
    rm -f "$STATE/secrets.env"
  fi
  make_secrets
  render
  : >"$STATE/played.tmp" && mv -f "$STATE/played.tmp" "$STATE/played"

  stage_start=$SECONDS
  # Running already (a second `make run-containers`): what is up and ready stays as it is.
  if pod_running postgresql && pod_running rabbitmq && pod_running redis; then
    log "infrastructure: already running"
    printf '%s\n' "$STATE/infra.yaml" >>"$STATE/played"
  else
    log "infrastructure: podman kube play (PostgreSQL :$PG_PORT, RabbitMQ :$RMQ_PORT, Redis :$REDIS_PORT_C)"
    play "$STATE/infra.yaml"
  fi
  wait_until postgresql pg_isready -q -h 127.0.0.1 -p "$PG_PORT"
  wait_until rabbitmq port_open "$RMQ_PORT"
  wait_until redis port_open "$REDIS_PORT_C"
  provision_database
  log "infrastructure ready, service roles provisioned ($(elapsed "$stage_start"))"

  local stage
  for stage in "${STAGES[@]}"; do
    stage_start=$SECONDS
    for name in $stage; do
      if pod_running "$name" && http_ready "${PORT[$name]}"; then
        log "$name: already running and ready"
        printf '%s\n' "$STATE/app-$name.yaml" >>"$STATE/played"
        continue
      fi
      log "$name: podman kube play (migrations in its init container, then :${PORT[$name]})"
      play "$STATE/app-$name.yaml"
    done
    for name in $stage; do
      wait_until "$name" http_ready "${PORT[$name]}"
    done
    log "ready: $stage ($(elapsed "$stage_start"))"
  done

  for name in "${PLATFORM_SERVICES[@]}" gateway postgresql rabbitmq redis; do
    pod_running "$name" || die "pod $name-pod-0 is not running"
  done
  podman pod ps --filter "name=-pod-0" --format '  {{.Name}}\t{{.Status}}\t{{.NumberOfContainers}} containers'
  log "every pod ready after $(elapsed "$t0"); gateway: http://127.0.0.1:$GATEWAY_PORT"

  start_prometheus
  if [[ "${CONTAINERS_SKIP_E2E:-}" != 1 ]]; then
    GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT" "$CONTAINERS_DIR/e2e.sh"
  fi
  log "Prometheus targets (http://127.0.0.1:$PROMETHEUS_PORT/targets):"
  prometheus_targets || warn "some scrape targets are not up (see above)"
  log "make run-containers: done in $(elapsed "$t0"); stop with make stop"
}

stop_podman() {
  local file pidfile="$STATE/prometheus.pid"
  if [[ -s "$pidfile" ]]; then
    local pid
    pid="$(<"$pidfile")"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == prometheus ]]; then
      log "prometheus (container run): stopping"
      kill -TERM "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  fi
  [[ -s "$STATE/played" ]] || return 0
  command -v podman >/dev/null 2>&1 || return 0
  # Reverse order: the gateway first, the infrastructure last.
  tac "$STATE/played" | while read -r file; do
    [[ -f "$file" ]] || continue
    log "podman kube down $(basename "$file")"
    podman kube down "$file" >/dev/null 2>&1 || podman play kube --down "$file" >/dev/null 2>&1 || warn "could not take down $file"
  done
  remove_volumes
  for file in "$STATE"/secrets/*.yaml; do
    [[ -f "$file" ]] && podman secret rm "$(basename "$file" .yaml)" >/dev/null 2>&1 || true
  done
  rm -rf "$STATE/secrets" "$STATE/secrets.env" "$STATE/played"
}

# Podman 4.3 keeps the volumes it made for emptyDirs and ConfigMaps after `kube down`; the data
# in them belongs to this run's secrets, so they go with it.
remove_volumes() {
  local volume
  for volume in $(cat "$STATE"/infra.yaml "$STATE"/app-*.yaml 2>/dev/null |
    awk '/^      volumes:/ { v = 1; next } v && !/^       / && !/^      - / { v = 0 } v && /name: / { print $NF }' | sort -u); do
    podman volume rm -f "$volume" >/dev/null 2>&1 || true
  done
}

case "${1:-start}" in
  start)
    if cluster_reachable || [[ "${CONTAINERS_MODE:-}" == kubectl ]]; then run_kubectl; else start_podman; fi
    ;;
  stop) stop_podman ;;
  status)
    for name in "${PLATFORM_SERVICES[@]}" gateway; do
      if http_ready "${PORT[$name]}"; then echo "$name: ready on :${PORT[$name]}"; else echo "$name: not ready"; fi
    done
    ;;
  *) die "usage: $0 [start|stop|status]" ;;
esac
