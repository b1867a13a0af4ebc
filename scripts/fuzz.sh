#!/usr/bin/env bash
# Fuzzes one @FuzzTest with coverage guidance (Jazzer) for a bounded time.
#
#   scripts/fuzz.sh <module> <TestClass[#method]> [duration]     e.g.
#   scripts/fuzz.sh smtp-protocol SmtpCommandLineFuzzTest 5m
#
# Without JAZZER_FUZZ=1 (the normal build) a @FuzzTest only replays its committed inputs under
# src/test/resources/<package>/<Class>Inputs/<method>/. With it, Jazzer mutates inputs for <duration>
# (default 2m). A crash or failed assertion stops the run; its input is written into that inputs
# directory (crash-<sha1>), so it replays in every later build: fix the parser, keep the file.
# The growing corpus is kept in <module>/.cifuzz-corpus/ (ignored by git) and reused by the next run.
# The modules it tests must be installed first: ./mvnw -pl <module> -am install -DskipTests
set -euo pipefail

if [[ $# -lt 2 ]]; then
    sed -n '2,13p' "$0" >&2
    exit 2
fi
module=$1
test=$2
duration=${3:-2m}

cd "$(dirname "$0")/.."
export JAZZER_FUZZ=1
export JAZZER_MAX_DURATION="$duration"
exec ./mvnw -B -ntp -pl "$module" test \
    -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_duration="$duration"
