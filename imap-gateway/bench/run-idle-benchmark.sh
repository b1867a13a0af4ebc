#!/usr/bin/env bash
# IDLE connections benchmark of the IMAP gateway (org.mailplatform.imap.bench.IdleConnectionsBenchmark).
#
# Starts the gateway in a JVM of its own (-Xmx512m unless --heap=...) on a fresh PostgreSQL database
# (the local server, as the tests use it) and an in-process Kafka broker, opens N loopback connections
# that LOGIN, SELECT INBOX and IDLE, and prints heap, RSS, login rate and EXISTS push times.
#
#   imap-gateway/bench/run-idle-benchmark.sh                      # 10,000 connections, plaintext LOGIN
#   imap-gateway/bench/run-idle-benchmark.sh --connections=2000 --tls --production-hash
#
# Options: --connections=N (10000)  --accounts=N (= connections)  --concurrency=N (64 logins at once)
#          --tls  --production-hash  --heap=512m  --gateway-jvm-options="-XX:+UseSerialGC ..."
#          --samples=N (10 single deliveries)  --timeout-minutes=N (30)
# The gateway's log goes to imap-gateway/target/idle-benchmark-gateway.log.
set -euo pipefail

module=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$module/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

connections=10000
for arg in "$@"; do
  case "$arg" in --connections=*) connections=${arg#--connections=} ;; esac
done
# Both JVMs hold one descriptor per connection plus their own (jars, database, Kafka).
need=$((connections + 4096))
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$need" ]; then
  echo "ulimit -Hn is $hard; $connections connections need about $need descriptors per process" >&2
  exit 1
fi
ulimit -n "$need"

cd "$root"
./mvnw -B -q -o test-compile -pl imap-gateway
./mvnw -B -q -o dependency:build-classpath -pl imap-gateway -Dmdep.includeScope=test \
  -Dmdep.outputFile="$module/target/bench-test.classpath"
./mvnw -B -q -o dependency:build-classpath -pl imap-gateway -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$module/target/bench-runtime.classpath"

cd "$module"
own="$module/target/test-classes:$module/target/classes"
exec "$JAVA_HOME/bin/java" -Xmx1g -Dlogback.configurationFile="$module/bench/logback-driver.xml" \
  -Dbench.gateway.classpath="$own:$(cat target/bench-runtime.classpath)" \
  -cp "$own:$(cat target/bench-test.classpath)" \
  org.mailplatform.imap.bench.IdleConnectionsBenchmark "$@"
