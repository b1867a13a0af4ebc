#!/usr/bin/env bash
# How fast the MDA drains mail.delivery into mailboxes: the per-message path (batch-size 1) and the
# batched path in one run, against the tests' real Kafka broker and PostgreSQL
# (mda-service/src/test/java/.../DeliveryThroughput.java). Prints messages/s for each.
#
#   scripts/mda-delivery-throughput.sh [messages] [per-message,batched] [extra JVM options, e.g. JFR]
#
# The modules it uses must be installed first: ./mvnw -pl mda-service -am install -DskipTests
set -euo pipefail

messages=${1:-3000}
modes=${2:-per-message,batched}
jvm_options=${3:-}

cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
./mvnw -B -ntp -q -pl mda-service test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="mda-service/target/test-classes:mda-service/target/classes:$(cat mda-service/target/test-classpath.txt)"
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" $jvm_options -cp "$cp" org.mailplatform.mda.delivery.DeliveryThroughput "$messages" "$modes"
