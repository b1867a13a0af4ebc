#!/usr/bin/env bash
# How fast the MDA drains mail.delivery into mailboxes: the per-message path (batch-size 1) and the
# batched path in one run, against the tests' real Kafka broker and PostgreSQL
# (mda-service/src/test/java/.../DeliveryThroughput.java). Prints messages/s for each.
#
#   scripts/mda-delivery-throughput.sh [messages] [per-message,batched] [extra JVM options, e.g. JFR] [options]
#
# Options (after the JVM options, which may be ''):
#   --size=BYTES       each message about this large (102400, 100k); default a short text message
#   --content=KIND     with --size: mime (default: text/plain and text/html alternatives, quoted-
#                      printable prose, and a base64 attachment) or smtp-source (what bench/run.sh's
#                      smtp-source sends: lines of X)
#   --accounts=N       recipients' accounts the messages are spread over (default 20; bench/run.sh
#                      sends every message of a pass to one)
#
# The modules it uses must be installed first: ./mvnw -pl mda-service -am install -DskipTests
set -euo pipefail

messages=${1:-3000}
modes=${2:-per-message,batched}
jvm_options=${3:-}
shift $(($# < 3 ? $# : 3))

cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
./mvnw -B -ntp -q -pl mda-service test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="mda-service/target/test-classes:mda-service/target/classes:$(cat mda-service/target/test-classpath.txt)"
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" $jvm_options -cp "$cp" org.mailplatform.mda.delivery.DeliveryThroughput "$messages" "$modes" "$@"
