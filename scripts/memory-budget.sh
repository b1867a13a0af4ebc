#!/usr/bin/env bash
# A service under its container's memory limit at the documented maximums (docs/configuration.md,
# "Memory"): the submission service with the images' JVM options for LIMIT, idle TLS connections,
# clients logging in without pause and messages of the maximum size, all at once, its resident set
# sampled every 100 ms. The normal build runs the same test smaller.
#
#   scripts/memory-budget.sh [--limit=768m] [--connections=N] [--logins=N] [--messages=N] [--login-phase=60s]
#
# Report: reliability-tests/target/reliability/memory-budget.txt. The modules it runs must be
# installed first: ./mvnw -pl reliability-tests -am install -DskipTests
set -euo pipefail

limit=768m connections=2000 logins=50 messages=20 login_phase=60s
for arg in "$@"; do
    case "$arg" in
        --limit=*) limit=${arg#*=} ;;
        --connections=*) connections=${arg#*=} ;;
        --logins=*) logins=${arg#*=} ;;
        --messages=*) messages=${arg#*=} ;;
        --login-phase=*) login_phase=${arg#*=} ;;
        *) sed -n '2,10p' "$0" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
exec ./mvnw -B -ntp -pl reliability-tests verify \
    -Dtest=MemoryBudgetTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dmemory.limit="$limit" -Dmemory.idle-connections="$connections" -Dmemory.login-clients="$logins" \
    -Dmemory.large-messages="$messages" -Dmemory.login-phase="PT$(tr '[:lower:]' '[:upper:]' <<<"$login_phase")"
