#!/usr/bin/env bash
# How small and quick each service is as a process of its own: each one started beside a PostgreSQL
# and a Kafka broker, one after the other, and measured: seconds from the process's start to its
# readiness probe reporting UP, resident set (VmRSS), threads and heap in use when idle, then the
# same after a short load of logins and mailbox commands (with the peak resident set, VmHWM).
# The load average is printed with every line: on a busy machine the times mean little without it,
# so compare runs made back to back.
#
#   scripts/service-footprint.sh                                  # the local stack's process mode
#   scripts/service-footprint.sh --launch=jars --aot              # exec jars as in the images, AOT cache
#   scripts/service-footprint.sh --services=imap-gateway --jvm-options='-Xmx128m -XX:+UseSerialGC'
#   scripts/service-footprint.sh --help
#
# Runs the installed jars (./mvnw -pl local-stack -am install -DskipTests; --launch=jars needs each
# service's -exec jar too: ./mvnw -pl <service> package).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

jar=local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar
[[ -f "$jar" ]] || { echo "no $jar: ./mvnw -pl local-stack -am install -DskipTests" >&2; exit 1; }
# The services run from plain jars (an AOT cache cannot hold classes from jars nested in a jar).
app=target/service-footprint-app
if [[ ! -d "$app" || "$jar" -nt "$app" ]]; then
    rm -rf "$app"
    "$java_bin" -Djarmode=tools -jar "$jar" extract --destination "$app" >/dev/null
fi
exec "$java_bin" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -cp "$app/$(basename "$jar")" org.mailplatform.localstack.ServiceFootprintMain "$@"
