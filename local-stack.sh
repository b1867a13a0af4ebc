#!/usr/bin/env bash
# The whole mail platform on this machine, no Docker: a real PostgreSQL (embedded, or an existing
# server with --postgres-url=...), a real Kafka broker (KRaft) and the five services on the local
# dev ports. Builds what is missing or out of date first. Ctrl-C stops everything.
#   ./local-stack.sh --help      for the options
#   ./local-stack.sh --no-build  run the jar as it is, without checking whether it is up to date
#   ./local-stack.sh --processes --replicas=imap-gateway=2   each service a JVM of its own, two IMAP gateways
set -euo pipefail
cd "$(dirname "$0")"

if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_major=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [[ -z "$java_major" || "$java_major" -lt 25 ]]; then
  echo "local-stack: JDK 25 or newer is required (found: ${java_major:-none}); set JAVA_HOME" >&2
  exit 1
fi

build=yes
args=()
for arg in "$@"; do
  if [[ "$arg" == --no-build ]]; then build=no; else args+=("$arg"); fi
done

jar=local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar
# Rebuild when the jar is missing or any source, resource or POM is newer than it.
if [[ ! -f "$jar" ]] || [[ "$build" == yes && -n "$(find . -path ./.git -prune -o -path ./.local-stack -prune -o -path '*/target' -prune -o \
      \( -name '*.java' -o -name '*.yml' -o -name '*.yaml' -o -name '*.sql' -o -name '*.xml' -o -name '*.properties' \) \
      -newer "$jar" -print -quit)" ]]; then
  echo "local-stack: building (./mvnw -q -DskipTests install)..."
  ./mvnw -q -DskipTests install
fi

# The jar runs extracted (a plain jar and its lib/): with --processes each service is a JVM on
# that class path, and a JDK AOT cache (--aot-cache) holds classes from plain jars only.
app=local-stack/target/app
if [[ ! -f "$app/$(basename "$jar")" || "$jar" -nt "$app/$(basename "$jar")" ]]; then
  rm -rf "$app"
  "$java_bin" -Djarmode=tools -jar "$jar" extract --destination "$app" >/dev/null
fi

# exec: Ctrl-C and SIGTERM reach the JVM directly, whose shutdown hook stops everything in order.
exec "$java_bin" \
  -Xmx1536m -XX:TieredStopAtLevel=1 -Xshare:auto \
  --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  ${LOCAL_STACK_JAVA_OPTS:-} \
  -jar "$app/$(basename "$jar")" ${args[@]+"${args[@]}"}
