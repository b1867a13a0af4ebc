#!/usr/bin/env bash
# Crash safety and soak of the whole platform, larger than the CI run.
#
#   scripts/chaos.sh [--messages=N] [--rounds=R] [--kills=MSA,MTA,...] [--senders=S] [--soak=DURATION]
#   scripts/chaos.sh --messages=5000 --rounds=3 --soak=10m
#
# Starts every service, Kafka and a private PostgreSQL as separate processes (reliability-tests,
# ProcessStack); streams N messages through submission (587) and port 25 while each part in --kills
# is SIGKILLed and restarted, R times over; then checks that every message that got 250 is in its
# recipients' mailboxes exactly once, one DSN per refused recipient, zero consumer lag, no dead
# letters. The soak (steady SMTP/IMAP/POP3 traffic, heap/threads/fds/DB connections sampled) runs
# first for DURATION. Defaults: 5000 messages, 3 rounds of all seven parts
# (MSA,MTA,MDA,IMAP,POP3,KAFKA,POSTGRES), 4 senders, a 10-minute soak. --soak=skip leaves it out.
# Reports: reliability-tests/target/reliability/{crash-safety,soak}.txt; process logs in
# reliability-tests/target/process-stack/logs/. Needs Postfix's smtp-sink (the refusing peer).
# The modules it runs must be installed first: ./mvnw -pl reliability-tests -am install -DskipTests
set -euo pipefail

messages=5000 rounds=3 kills=MSA,MTA,MDA,IMAP,POP3,KAFKA,POSTGRES senders=4 soak=10m
for arg in "$@"; do
    case "$arg" in
        --messages=*) messages=${arg#*=} ;;
        --rounds=*) rounds=${arg#*=} ;;
        --kills=*) kills=${arg#*=} ;;
        --senders=*) senders=${arg#*=} ;;
        --soak=*) soak=${arg#*=} ;;
        *) sed -n '2,17p' "$0" >&2; exit 2 ;;
    esac
done

tests=CrashSafetyTest
soak_property=()
if [[ "$soak" != skip ]]; then
    tests="ResourceSoakTest,CrashSafetyTest"
    # Duration.parse wants ISO-8601: 10m -> PT10M, 90s -> PT90S.
    soak_property=("-Dreliability.soak=PT$(tr '[:lower:]' '[:upper:]' <<<"$soak")")
fi

cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
exec ./mvnw -B -ntp -pl reliability-tests verify \
    -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dreliability.messages="$messages" -Dreliability.rounds="$rounds" \
    -Dreliability.kills="$kills" -Dreliability.senders="$senders" \
    ${soak_property[@]+"${soak_property[@]}"}
