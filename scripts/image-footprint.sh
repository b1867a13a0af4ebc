#!/usr/bin/env bash
# How quick and small a service is when its container image starts it: each image given is run with
# podman (--network host, as PodmanDeploymentTest runs the chart) beside the host's PostgreSQL (a
# database of its own, migrated by the mda-service image's MigrateDatabase) and a Kafka broker this
# script starts from the local stack's jar, under a memory limit, one after the other, and measured
# as scripts/service-footprint.sh measures a process: seconds from `podman run` to the readiness
# probe reporting UP, then after a quiet spell the JVM's resident set (VmRSS) and threads. With
# --no-aot-too, each image is run a second time with its AOT cache switched off (-XX:AOTMode=off),
# right after the first, so the two compare at the same load. The load average is printed with
# every line: compare runs made back to back.
#
#   scripts/image-footprint.sh --no-aot-too localhost/mailplatform/mailplatform-imap-gateway:0.1.0-SNAPSHOT
#   MEMORY=768m IDLE=10 scripts/image-footprint.sh IMAGE...
#   MIGRATOR=<an mda-service image> scripts/image-footprint.sh <images without the MDA's>
#
# Needs podman, the services' images (scripts/build-images.sh), a PostgreSQL on 127.0.0.1:5432 whose
# `postgres` user may create a database (PGURL_ADMIN overrides), and the local stack's jar
# (./mvnw -pl local-stack -am install -DskipTests) for the broker.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
MEMORY=${MEMORY:-768m}
IDLE=${IDLE:-10}
DATABASE=${DATABASE:-mailplatform_image_footprint}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_USER=${PG_USER:-postgres}

both=no
images=()
for argument in "$@"; do
  case "$argument" in
    --no-aot-too) both=yes ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "unknown option: $argument" >&2; exit 2 ;;
    *) images+=("$argument") ;;
  esac
done
[ ${#images[@]} -gt 0 ] || { echo "no image given (see --help)" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
broker_pid=""
container=""
cleanup() {
  [ -n "$container" ] && podman rm --force --time 5 "$container" >/dev/null 2>&1 || true
  [ -n "$broker_pid" ] && kill "$broker_pid" 2>/dev/null && wait "$broker_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The broker: the local stack's own, as a process (its jar extracted as service-footprint.sh does).
jar=local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar
app=target/service-footprint-app
[[ -f "$jar" ]] || { echo "no $jar: ./mvnw -pl local-stack -am install -DskipTests" >&2; exit 1; }
if [[ ! -d "$app" || "$jar" -nt "$app" ]]; then
  rm -rf "$app"
  "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$app" >/dev/null
fi
kafka_port=$(free_port)
"$JAVA_HOME/bin/java" -Xmx384m -XX:+UseSerialGC -cp "$app/$(basename "$jar")" \
  org.mailplatform.localstack.KafkaBrokerMain "$work/kafka" "$kafka_port" > "$work/kafka.log" 2>&1 &
broker_pid=$!
for _ in $(seq 1 300); do grep -q 'Kafka broker serving' "$work/kafka.log" && break; sleep 1; done
grep -q 'Kafka broker serving' "$work/kafka.log" || { cat "$work/kafka.log" >&2; echo "the broker did not start" >&2; exit 1; }

# The database, made afresh and migrated from the first mda-service image given (or any image's
# jar that holds mail-store: only the MDA's does).
psql -q -h "$PG_HOST" -U "$PG_USER" -d postgres -c "drop database if exists $DATABASE" -c "create database $DATABASE" >/dev/null
jdbc="jdbc:postgresql://$PG_HOST:5432/$DATABASE"
migrator=${MIGRATOR:-}
[ -n "$migrator" ] || for image in "${images[@]}"; do [[ "$image" == *mda-service* ]] && migrator=$image && break; done
[ -n "$migrator" ] || { echo "give an mda-service image too: it migrates the database" >&2; exit 2; }
podman run --rm --network host -e SPRING_DATASOURCE_URL="$jdbc" -e SPRING_DATASOURCE_USERNAME="$PG_USER" \
  -e SPRING_DATASOURCE_PASSWORD= "$migrator" -cp /app/service.jar org.mailplatform.store.migration.MigrateDatabase \
  > "$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }

# One run: the image's own entry point and command; its listeners and HTTP port moved to free ports.
measure() {
  local image=$1 label=$2 java_options=$3 http start ready rss threads pid json listeners
  http=$(free_port)
  listeners=$(podman run --rm --network none --entrypoint /bin/cat "$image" /app/config/application.properties \
    | sed -n 's/^\([^#=]*\.port\)=.*/\1/p')
  json="{\"server.port\":$http,\"server.address\":\"127.0.0.1\""
  for key in $listeners; do json+=",\"$key\":$(free_port)"; done
  json+=",\"mailplatform.autoconfig.enabled\":false}"
  container="footprint-$(date +%s%N)"
  start=$(date +%s.%N)
  podman run -d --name "$container" --network host --memory "$MEMORY" \
    -e SPRING_DATASOURCE_URL="$jdbc" -e SPRING_DATASOURCE_USERNAME="$PG_USER" -e SPRING_DATASOURCE_PASSWORD= \
    -e SPRING_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" -e SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS="127.0.0.1:$kafka_port" \
    -e MAILPLATFORM_SRS_SECRETS=image-footprint -e MAILPLATFORM_ADMIN_TOKEN=image-footprint \
    -e SPRING_APPLICATION_JSON="$json" ${java_options:+-e JDK_JAVA_OPTIONS="$java_options"} "$image" >/dev/null
  ready=""
  for _ in $(seq 1 1200); do
    if curl -fs "http://127.0.0.1:$http/actuator/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; then
      ready=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
      break
    fi
    [ "$(podman inspect --format '{{.State.Running}}' "$container")" = true ] || break
    sleep 0.2
  done
  if [ -z "$ready" ]; then
    podman logs --tail 40 "$container" >&2
    echo "$image ($label): not ready" >&2
  else
    sleep "$IDLE"
    pid=$(podman inspect --format '{{.State.Pid}}' "$container")
    # The JVM: PID 1 of the container, or its child when something runs before it.
    [ "$(cat /proc/"$pid"/comm)" = java ] || pid=$(pgrep -P "$pid" java | head -1)
    rss=$(awk '/^VmRSS:/ {printf "%d", $2/1024}' /proc/"$pid"/status)
    threads=$(awk '/^Threads:/ {print $2}' /proc/"$pid"/status)
    printf '%-70s %-12s ready %6.1f s  rss %4d MiB  threads %3d  load avg %s\n' "$image" "$label" "$ready" "$rss" "$threads" \
      "$(cut -d' ' -f1 /proc/loadavg)"
  fi
  podman rm --force --time 10 "$container" >/dev/null
  container=""
}

for image in "${images[@]}"; do
  measure "$image" "as built" ""
  if [ "$both" = yes ]; then
    measure "$image" "no AOT cache" "-XX:AOTMode=off"
  fi
done
