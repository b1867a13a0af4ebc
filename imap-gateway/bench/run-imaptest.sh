#!/usr/bin/env bash
# IMAP compliance gate and stress benchmark of the gateway with Dovecot's imaptest
# (https://imapwiki.org/ImapTest), optionally side by side with a private Dovecot.
#
#   imap-gateway/bench/run-imaptest.sh                          # local stack: scripted tests + stress
#   imap-gateway/bench/run-imaptest.sh --peer=dovecot           # ... and the same against Dovecot
#   imap-gateway/bench/run-imaptest.sh --running --admin-token=T --port=10993   # a running platform
#
# imaptest is not part of the project; see --help for how to build it. Options: --help.
set -euo pipefail

readonly PROG=${0##*/}
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/../.." && pwd)

usage() {
  cat <<'EOF'
Usage: imap-gateway/bench/run-imaptest.sh [options]

Runs imaptest's scripted tests (the compliance gate) and its stress test (random commands with
state tracking, over implicit TLS) against the IMAP gateway, and with --peer=dovecot the same
against a private Dovecot in the same run, then prints a comparison.

imaptest
  --imaptest-dir=DIR     a built imaptest source tree: DIR/imaptest or DIR/src/imaptest, tests in
                         DIR/src/tests (env IMAPTEST_DIR); else imaptest on PATH with --tests
  --tests=DIR            the scripted tests directory (default DIR/src/tests)

Platform (default: start the local stack with ./local-stack.sh on a fresh data directory)
  --running              use a platform that is running already
  --host=HOST            its IMAP host (default 127.0.0.1)
  --port=PORT            its implicit-TLS IMAP port (default 10993)
  --admin-url=URL        the mda-service admin API (default http://127.0.0.1:8083)
  --admin-token=TOKEN    its bearer token (default: env MAILADMIN_TOKEN, else .local-stack/admin-token)
  --stack-option=OPT     one more option for local-stack.sh (repeatable), e.g.
                         --stack-option=--spring.datasource.hikari.maximum-pool-size=20
  --stack-java-options=S JVM options for the local stack (LOCAL_STACK_JAVA_OPTS), e.g.
                         "-XX:StartFlightRecording=filename=/tmp/stack.jfr,settings=profile"

What to run
  --no-scripted          skip the scripted tests
  --no-stress            skip the stress test
  --clients=N            concurrent stress clients (default 50)
  --secs=N               stress duration in seconds (default 30; imaptest then waits up to 10 s
                         for the clients to log out, and that time is counted)
  --users=N              stress accounts u1..uN (default 100; each client picks one at random)
  --logged-in            a second stress pass with LOGOUT at 0%: each client logs in once and stays;
                         it runs --warmup + --secs seconds and also reports the rate of commands
                         other than LOGIN over the last --secs seconds, i.e. without LOGIN's cost
  --warmup=N             seconds added to the logged-in pass for the logins (default 60)
  --checkpoint=SECS      imaptest's checkpoint=SECS in the stress passes: all clients work on u1's
                         mailbox, and every SECS they stop and their views of it are compared
                         (errors if they differ); imaptest 2.3 aborts when clients use different users,
                         and when a checkpoint falls on the last second, so such a run lasts 1 s longer
  --peer=dovecot         also run the scripted tests and the same stress against a private Dovecot
                         (bench/dovecot-peer.sh; needs Debian's dovecot-imapd) and print a table
  --output=FILE          where the raw imaptest output goes (default imap-gateway/target/imaptest-results-<time>.txt)
  --keep                 keep the temporary directory (stack data, Dovecot's maildirs and log)

Exit status: 0 when every scripted test passed and no stress pass reported a protocol error,
1 otherwise, 2 on usage errors, 3 when imaptest is missing.
EOF
}

how_to_get_imaptest() {
  cat >&2 <<'EOF'
imaptest is not found. It is Dovecot's IMAP tester and is not shipped with the project; build it once
outside this repository and point --imaptest-dir (or IMAPTEST_DIR) at the source tree:

  Install Debian's dovecot-dev, autoconf, automake and libtool. Clone https://github.com/dovecot/imaptest
  and check out the release-2.3 branch. Dovecot 2.3.19 (Debian 12) added a fourth parameter to
  imap_parser_create(): pass NULL as that argument at its three call sites (src/commands.c,
  src/imap-client.c, src/test-parser.c). Then run ./autogen.sh, then ./configure with
  --with-dovecot=/usr/lib/dovecot and LDFLAGS=-Wl,-rpath,/usr/lib/dovecot, then make. The binary
  is src/imaptest and the scripted tests are in src/tests.
EOF
}

die_usage() {
  printf '%s: %s\n' "$PROG" "$1" >&2
  printf "Try '%s --help'.\n" "$PROG" >&2
  exit 2
}

imaptest_dir=${IMAPTEST_DIR:-}
tests_dir=''
running=no
host=127.0.0.1
port=10993
admin_url=http://127.0.0.1:8083
admin_token=${MAILADMIN_TOKEN:-}
stack_options=()
stack_java_options=''
scripted=yes
stress=yes
clients=50
secs=30
users=100
logged_in=no
warmup=60
checkpoint=''
peer=''
output=''
keep=no
for arg in "$@"; do
  case $arg in
    --imaptest-dir=*) imaptest_dir=${arg#*=} ;;
    --tests=*) tests_dir=${arg#*=} ;;
    --running) running=yes ;;
    --host=*) host=${arg#*=} ;;
    --port=*) port=${arg#*=} ;;
    --admin-url=*) admin_url=${arg#*=} ;;
    --admin-token=*) admin_token=${arg#*=} ;;
    --stack-option=*) stack_options+=("${arg#*=}") ;;
    --stack-java-options=*) stack_java_options=${arg#*=} ;;
    --no-scripted) scripted=no ;;
    --no-stress) stress=no ;;
    --clients=*) clients=${arg#*=} ;;
    --secs=*) secs=${arg#*=} ;;
    --users=*) users=${arg#*=} ;;
    --logged-in) logged_in=yes ;;
    --warmup=*) warmup=${arg#*=} ;;
    --checkpoint=*) checkpoint=${arg#*=} ;;
    --peer=*) peer=${arg#*=} ;;
    --output=*) output=${arg#*=} ;;
    --keep) keep=yes ;;
    -h | --help) usage; exit 0 ;;
    *) die_usage "unknown option: $arg" ;;
  esac
done
for n in clients secs users port warmup; do
  [[ ${!n} =~ ^[1-9][0-9]*$ ]] || die_usage "--$n must be a positive number"
done
[[ -z $checkpoint || $checkpoint =~ ^[1-9][0-9]*$ ]] || die_usage "--checkpoint must be a positive number of seconds"
[[ -z $peer || $peer == dovecot ]] || die_usage "--peer: only 'dovecot' is known"

# --- imaptest ---------------------------------------------------------------------------------
imaptest=''
if [[ -n $imaptest_dir ]]; then
  for candidate in "$imaptest_dir/imaptest" "$imaptest_dir/src/imaptest"; do
    [[ -x $candidate && ! -d $candidate ]] && { imaptest=$candidate; break; }
  done
  [[ -z $tests_dir && -d $imaptest_dir/src/tests ]] && tests_dir=$imaptest_dir/src/tests
elif command -v imaptest >/dev/null; then
  imaptest=$(command -v imaptest)
fi
if [[ -z $imaptest ]]; then
  how_to_get_imaptest
  exit 3
fi
if [[ $scripted == yes && ! -d $tests_dir ]]; then
  echo "$PROG: no scripted tests directory (give --tests=DIR: imaptest's src/tests)" >&2
  exit 3
fi

# --- run directory, output, cleanup -----------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/imaptest-run.XXXXXX")
# The private Dovecot's unprivileged processes work below it.
chmod 711 "$work"
if [[ -z $output ]]; then
  mkdir -p "$root/imap-gateway/target"
  output=$root/imap-gateway/target/imaptest-results-$(date -u +%Y%m%dT%H%M%SZ).txt
fi
: >"$output"
stack_pid=''
peer_dir=$work/dovecot

cleanup() {
  local status=$?
  if [[ -n $stack_pid ]] && kill -0 "$stack_pid" 2>/dev/null; then
    echo "stopping the local stack (pid $stack_pid)..."
    kill -TERM "$stack_pid" 2>/dev/null || true
    wait "$stack_pid" 2>/dev/null || true
  fi
  [[ -d $peer_dir ]] && "$bench/dovecot-peer.sh" stop "$peer_dir" || true
  if [[ $keep == yes ]]; then
    echo "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Everything imaptest prints goes to the raw output file, each run under a heading.
raw() {
  printf '%s\n' "$@" >>"$output"
}

machine() {
  printf '%s cores, load average %s' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

raw "imaptest results, $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(uname -n), $(machine)" \
    "imaptest: $imaptest" "project commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" ""

# --- the platform -----------------------------------------------------------------------------
start_local_stack() {
  local data=$work/stack log=$work/local-stack.out
  echo "starting the local stack (data in $data; its output: $log)..."
  # Every imaptest client comes from 127.0.0.1; the shipped limits are 50 connections per address and
  # 10 per user and address (a checkpoint run puts every client on one user).
  LOCAL_STACK_JAVA_OPTS=$stack_java_options "$root/local-stack.sh" --data-dir="$data" --clean \
    --mailplatform.kernel.max-connections-per-address=$((clients + 100)) \
    --mailplatform.imap.max-connections-per-user-and-address=$((clients + 100)) \
    ${stack_options[@]+"${stack_options[@]}"} >"$log" 2>&1 &
  stack_pid=$!
  local waited=0
  until grep -q '^ Ready ' "$log" 2>/dev/null; do
    if ! kill -0 "$stack_pid" 2>/dev/null; then
      echo "$PROG: the local stack did not start:" >&2
      tail -20 "$log" >&2
      stack_pid=''
      exit 1
    fi
    ((waited++ < 900)) || { echo "$PROG: the local stack is not ready after 15 minutes" >&2; exit 1; }
    sleep 1
  done
  grep '^ Ready ' "$log"
  admin_token=$(cat "$data/admin-token")
}

if [[ $running == no ]]; then
  start_local_stack
elif [[ -z $admin_token && -s $root/.local-stack/admin-token ]]; then
  admin_token=$(cat "$root/.local-stack/admin-token")
fi
[[ -n $admin_token ]] || die_usage "no admin API token: give --admin-token or MAILADMIN_TOKEN"

# --- accounts ---------------------------------------------------------------------------------
readonly DOMAIN=imaptest.test
readonly SCRIPTED_USERS=("imaptest-a@$DOMAIN" "imaptest-b@$DOMAIN")
password="imaptest-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
{
  printf '%s\n' "${SCRIPTED_USERS[@]}"
  for ((i = 1; i <= users; i++)); do printf 'u%d@%s\n' "$i" "$DOMAIN"; done
} >"$work/users"

mailadmin() {
  MAILADMIN_URL=$admin_url MAILADMIN_TOKEN=$admin_token "$root/scripts/mailadmin" "$@"
}

# Creates the account, or sets its password when it exists (a running platform, a second run).
ensure_account() {
  local address=$1
  printf '%s\n' "$password" | mailadmin account add "$address" >/dev/null 2>"$work/add-$address.err" && return 0
  grep -q 'HTTP 409' "$work/add-$address.err" || { cat "$work/add-$address.err" >&2; return 1; }
  printf '%s\n' "$password" | mailadmin account passwd "$address" >/dev/null
}

echo "creating the domain $DOMAIN and $((users + 2)) accounts on the platform..."
mailadmin domain show "$DOMAIN" >/dev/null 2>&1 || mailadmin domain add "$DOMAIN" >/dev/null
export -f ensure_account mailadmin
export password admin_url admin_token root work
# Each account costs one Argon2id hash on the server: a few at a time.
xargs -P 4 -I{} bash -c 'ensure_account "$1"' _ {} <"$work/users" ||
  { echo "$PROG: could not create the accounts" >&2; exit 1; }

if [[ $peer == dovecot ]]; then
  echo "starting a private Dovecot..."
  peer_port=$("$bench/dovecot-peer.sh" start "$peer_dir" "$work/users" "$password")
fi

# --- scripted tests ---------------------------------------------------------------------------
failed=0

# run_scripted NAME PORT: imaptest's scripted tests, then a summary of what failed.
run_scripted() {
  local name=$1 target_port=$2 out=$work/scripted-$1.out status=0
  echo
  echo "== scripted tests on $name (127.0.0.1:$target_port, TLS) =="
  raw "===== scripted tests on $name: imaptest host=$host port=$target_port ssl=any-cert user=${SCRIPTED_USERS[0]} user2=${SCRIPTED_USERS[1]} pass=*** test=$tests_dir" \
      "===== started $(date -u '+%H:%M:%S UTC'), $(machine)"
  timeout 1800 "$imaptest" host="$host" port="$target_port" ssl=any-cert user="${SCRIPTED_USERS[0]}" \
    user2="${SCRIPTED_USERS[1]}" pass="$password" test="$tests_dir" >"$out" 2>&1 || status=$?
  cat "$out" >>"$output"
  raw "===== imaptest exit status $status" ""
  # The summary is imaptest's last three lines: groups, base protocol and extension commands.
  if ! grep -q ' test groups: ' "$out"; then
    echo "imaptest did not finish (exit status $status); last lines:"
    tail -n 5 "$out"
    failed=1
    return
  fi
  grep -E ' test groups: |^base protocol: |^extensions: ' "$out" | sed 's/^/  /'
  # Each failed command is reported as "*** Test <group> command N/M (line L)".
  local groups
  groups=$(sed -n 's/^\*\*\* Test \(.*\) command \([0-9]*\)\/\([0-9]*\) .*/\1/p' "$out" | sort | uniq -c |
    awk '{ n = $1; $1 = ""; printf "%s (%d)\n", substr($0, 2), n }' | paste -sd, - | sed 's/,/, /g')
  [[ -n $groups ]] && echo "  failed groups (failed commands): $groups"
  local errors
  errors=$(grep -c '^Error: ' "$out" || true)
  ((errors == 0)) || echo "  state-tracking errors outside the scripts' expectations: $errors (first: $(grep -m1 '^Error: ' "$out" | cut -c1-160))"
  grep -q ' test groups: 0 failed' "$out" && ((errors == 0)) || failed=1
}

if [[ $scripted == yes ]]; then
  run_scripted platform "$port"
  [[ $peer == dovecot ]] && run_scripted dovecot "$peer_port"
fi

# --- stress -----------------------------------------------------------------------------------
declare -A figures

# stress_figures STARTED ENDED WINDOW-FROM WINDOW-TO < imaptest's stdout: one line of figures.
# imaptest prints one line of counts per second ("   2    0    1 ...  50/ 50"), then "Totals:",
# the short command names, two probability lines and the total counts. The window (seconds
# WINDOW-FROM..WINDOW-TO of the run) gives the rate of commands other than LOGIN and LOGOUT and
# how many clients were connected when it began.
stress_figures() {
  awk -v started="$1" -v ended="$2" -v from="$3" -v to="$4" '
    n == 0 && /^Logi / { n = split($0, name) }
    /^Totals:/ { totals = 1; next }
    totals && /^ *[0-9]+( +[0-9]+)* *$/ { split($0, count) }
    !totals && /^ *[0-9]+( +[0-9]+)* +[0-9]+\/ *[0-9]+/ {
      second++; sum = 0
      for (i = 1; i <= n; i++) if (name[i] != "Logi" && name[i] != "Logo" && name[i] != "ChkP") sum += $i
      # "C/ N": C of the N clients have a connection and got the greeting.
      if (second == from) { match($0, /[0-9]+\/ *[0-9]+/); split(substr($0, RSTART, RLENGTH), conn, "/"); connected = conn[1] + 0 }
      if (second >= from && second <= to) { window += sum; window_secs++ }
    }
    END {
      total = 0; logins = 0; detail = ""
      for (i = 1; i <= n; i++) {
        # ChkP counts checkpoints, not commands.
        if (name[i] != "ChkP") total += count[i]
        if (name[i] == "Logi") logins = count[i]
        detail = detail sprintf("%s=%d ", name[i], count[i])
      }
      elapsed = ended - started
      printf "%d %d %.1f %.2f %.2f %d %d %s %s\n", total, logins, elapsed, total / elapsed, logins / elapsed,
        connected, window_secs, (window_secs > 0 ? sprintf("%.2f", window / window_secs) : "-"), detail
    }'
}

# run_stress NAME PASS SECS PORT [imaptest arguments...]: one stress pass; keeps its figures.
run_stress() {
  local name=$1 pass=$2 run_secs=$3 target_port=$4 out=$work/stress-$1-$2.out err=$work/stress-$1-$2.err status=0
  shift 4
  local who=("user=u%d@$DOMAIN" users=1-"$users")
  # A checkpoint compares the clients' views of one mailbox: they all share u1's.
  [[ -n $checkpoint ]] && who=("user=u1@$DOMAIN" checkpoint="$checkpoint")
  # imaptest 2.3 asserts (client_update_plan) when a checkpoint starts in the same second as its
  # final LOGOUTs: end the run between two checkpoints.
  [[ -n $checkpoint ]] && ((run_secs % checkpoint == 0)) && run_secs=$((run_secs + 1))
  local args=(host="$host" port="$target_port" ssl=any-cert "${who[@]}" pass="$password"
              clients="$clients" secs="$run_secs",10 mbox="$work/bench.mbox" "$@")
  echo
  echo "== stress ($pass) on $name: $clients clients, ${run_secs} s, TLS =="
  raw "===== stress ($pass) on $name: imaptest ${args[*]/pass=*/pass=***}" "===== started $(date -u '+%H:%M:%S UTC'), $(machine)"
  local started ended
  started=$(date +%s.%N)
  timeout $((run_secs + 120)) "$imaptest" "${args[@]}" >"$out" 2>"$err" || status=$?
  ended=$(date +%s.%N)
  { cat "$out"; echo "----- stderr"; cat "$err"; } >>"$output"
  raw "===== imaptest exit status $status, $(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f", b - a }') s" ""
  if ! grep -q '^Totals:' "$out"; then
    echo "imaptest did not finish (exit status $status); last lines:"
    tail -n 5 "$out" "$err"
    failed=1
    return
  fi
  local total logins elapsed cps lps connected steady_secs steady detail errors
  # The steady window: the last --secs seconds before imaptest's stop (all of a default pass).
  read -r total logins elapsed cps lps connected steady_secs steady detail \
    < <(stress_figures "$started" "$ended" $((run_secs - secs + 1)) "$run_secs" <"$out")
  errors=$(cat "$out" "$err" | grep -c '^Error: ' || true)
  figures[$name,$pass,commands]=$total
  figures[$name,$pass,cps]=$cps
  figures[$name,$pass,lps]=$lps
  figures[$name,$pass,steady]=$steady
  figures[$name,$pass,errors]=$errors
  printf '  %s commands in %s s (until the last client logged out): %s commands/s, %s logins/s, %s protocol errors\n' \
    "$total" "$elapsed" "$cps" "$lps" "$errors"
  if [[ $pass == logged-in ]]; then
    printf '  last %s s (%s of %s clients connected when it began): %s commands/s other than LOGIN\n' \
      "$steady_secs" "$connected" "$clients" "$steady"
  fi
  printf '  per command: %s\n' "$detail"
  if ((errors > 0)); then
    echo "  protocol errors by kind:"
    cat "$out" "$err" | grep '^Error: ' | sed -E 's/^Error: [^ ]+\[[0-9]+\]: //; s/: \* .*//; s/[0-9]+/N/g' |
      sort | uniq -c | sort -rn | head -8 | sed 's/^/   /'
    failed=1
  fi
}

if [[ $stress == yes ]]; then
  "$bench/bench-mbox.py" "$work/bench.mbox" --messages=200
  passes=(default)
  [[ $logged_in == yes ]] && passes+=(logged-in)
  for pass in "${passes[@]}"; do
    if [[ $pass == default ]]; then
      run_stress platform default "$secs" "$port"
      [[ $peer == dovecot ]] && run_stress dovecot default "$secs" "$peer_port"
    else
      # LOGOUT at 0%: each client logs in once; the warm-up lets them all get there first.
      run_stress platform logged-in $((secs + warmup)) "$port" logout=0
      [[ $peer == dovecot ]] && run_stress dovecot logged-in $((secs + warmup)) "$peer_port" logout=0
    fi
  done
fi

# --- comparison -------------------------------------------------------------------------------
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a != "-" && b != "-" && b > 0) printf "%.2f", a / b; else printf "-" }'
}

if [[ $stress == yes && $peer == dovecot ]]; then
  echo
  echo "== platform vs Dovecot ($clients clients, TLS; same run, $(machine)) =="
  printf '%-36s %10s %10s %17s\n' "" platform dovecot platform/dovecot
  for pass in "${passes[@]}"; do
    for figure in cps:commands/s lps:logins/s steady:'commands/s after warm-up' errors:'protocol errors'; do
      key=${figure%%:*}
      [[ $key == steady && $pass != logged-in ]] && continue
      a=${figures[platform,$pass,$key]:--} b=${figures[dovecot,$pass,$key]:--}
      r=''
      [[ $key != errors ]] && r=$(ratio "$a" "$b")
      printf '%-36s %10s %10s %17s\n' "${figure#*:} ($pass)" "$a" "$b" "$r"
    done
  done
fi

echo
echo "raw imaptest output: $output"
exit "$failed"
