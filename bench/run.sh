#!/usr/bin/env bash
# The platform's benchmark: each workload against the local stack and, in the same run on the same
# machine, against a private Postfix + Dovecot; then one table (and a plot) of both and their ratio.
#
#   bench/run.sh            # the full run
#   bench/run.sh --quick    # fewer messages and shorter passes: a few minutes
#
# Options: --help. Results: bench/results/<UTC date-time>.md and .png.
set -euo pipefail

readonly PROG=${0##*/}
bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
export PATH=$PATH:/usr/sbin:/sbin

usage() {
  cat <<'EOF'
Usage: bench/run.sh [options]

Runs each workload against the platform (./local-stack.sh on a fresh data directory) and against a
private Postfix delivering over LMTP to a private Dovecot (bench/peers.sh), in the same run, then
prints one table and writes it with a plot to bench/results/<UTC date-time>.md / .png.

  1. port 25 ingest (smtp-source; 20 sessions, 10 KiB and 100 KiB; the full run also 1 and 100
     sessions): acceptance rate and end-to-end rate (every message in the recipient's mailbox),
     after an unmeasured warm-up of 1000 messages on each side
  2. submission, STARTTLS + AUTH PLAIN, 20 sessions, 10 KiB (bench/loadgen.py submit), after an
     unmeasured warm-up of 400 submissions on each side
  3. POP3 retrieval: 10 clients over 50 accounts x 50 messages: RETR/s, PASS and RETR latency
  4. IMAP: imaptest's stress test when found (IMAPTEST_DIR or imaptest on PATH), else a scripted
     imaplib mix (SELECT, FETCH, STORE, SEARCH): commands/s and latency
  5. submission -> IMAP IDLE push latency, probed during workload 1's 20-session 10 KiB pass
  6. 10,000 IMAP IDLE sessions on one gateway (imap-gateway/bench/run-idle-benchmark.sh): resident
     set and heap with all of them idle, time until one new message reached every session
  7. each service as a process of its own (scripts/service-footprint.sh): time to readiness,
     resident set idle and under a short load
  Workloads 6 and 7 measure the platform alone, after the others, with the stack and peers stopped.

Options
  --quick          fewer messages and shorter passes (a few minutes in all)
  --workloads=LIST which workloads to run, e.g. 1,2 (default all)
  --keep           keep the temporary directory (stack data, peers' queues, maildirs and logs)
  --output=DIR     where the results go (default bench/results)

Needs: root (Postfix's master), JDK 25 (the local stack), python3, curl, openssl, and Debian's
postfix (smtp-source), dovecot-imapd, dovecot-pop3d, dovecot-lmtpd, gnuplot-nox (the plot) and
argon2 (the peer's password hashes at the platform's cost; optional).
EOF
}

quick=no
workloads=1,2,3,4,5,6,7
keep=no
output=$bench/results
for arg in "$@"; do
  case $arg in
    --quick) quick=yes ;;
    --workloads=*) workloads=${arg#*=} ;;
    --keep) keep=yes ;;
    --output=*) output=${arg#*=} ;;
    -h | --help) usage; exit 0 ;;
    *) echo "$PROG: unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done
wants() { [[ ,$workloads, == *,$1,* ]]; }

# --- prerequisites ----------------------------------------------------------------------------
missing=()
need() {
  local tool=$1 package=$2
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool (Debian package $package)")
}
need smtp-source postfix
need postfix postfix
need dovecot dovecot-core
need doveadm dovecot-core
[[ -e /usr/lib/dovecot/pop3 ]] || missing+=("Dovecot's pop3 (Debian package dovecot-pop3d)")
[[ -e /usr/lib/dovecot/lmtp ]] || missing+=("Dovecot's lmtp (Debian package dovecot-lmtpd)")
[[ -e /usr/lib/dovecot/imap ]] || missing+=("Dovecot's imap (Debian package dovecot-imapd)")
need python3 python3
need curl curl
need openssl openssl
need gnuplot gnuplot-nox
if ((${#missing[@]})); then
  printf '%s: missing:\n' "$PROG" >&2
  printf '  %s\n' "${missing[@]}" >&2
  echo "  install them with: apt-get install -y --no-install-recommends postfix dovecot-imapd dovecot-pop3d dovecot-lmtpd gnuplot-nox argon2 curl openssl python3" >&2
  exit 3
fi
[[ $(id -u) == 0 ]] || { echo "$PROG: must run as root (the private Postfix's master starts as root)" >&2; exit 3; }
command -v argon2 >/dev/null || echo "$PROG: argon2 is not installed: Dovecot's passwords use doveadm's ARGON2ID (64 MiB/3 passes), dearer than the platform's (19 MiB/2 passes)" >&2

# --- sizes ------------------------------------------------------------------------------------
if [[ $quick == yes ]]; then
  ingest_sessions=(20)
  ingest_messages_10k=300 ingest_messages_100k=100
  warmup_messages=1000
  submit_messages=300 submit_warmup_messages=400
  pop_accounts=50 pop_messages=20 pass_secs=15
  idle_connections=2000 footprint_load_secs=5
else
  ingest_sessions=(1 20 100)
  ingest_messages_10k=2000 ingest_messages_100k=500
  warmup_messages=1000
  submit_messages=2000 submit_warmup_messages=400
  pop_accounts=50 pop_messages=50 pass_secs=60
  idle_connections=10000 footprint_load_secs=10
fi
readonly DOMAIN=bench.test SENDER=sender@bench-client.test
password="bench-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"

# --- run directory and cleanup ----------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-run.XXXXXX")
chmod 755 "$work"
stack_pid=''
cleanup() {
  local status=$?
  if [[ -n $stack_pid ]] && kill -0 "$stack_pid" 2>/dev/null; then
    echo "stopping the local stack (pid $stack_pid)..."
    kill -TERM "$stack_pid" 2>/dev/null || true
    wait "$stack_pid" 2>/dev/null || true
  fi
  [[ -d $work/peers ]] && "$bench/peers.sh" stop "$work/peers" || true
  if [[ $keep == yes ]]; then echo "kept $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

figures=$work/figures.tsv
notes=$work/notes.md
: >"$figures"
: >"$notes"
# note TEXT: a line for the results file's notes, printed as well.
note() {
  printf '  note: %s\n' "$1"
  printf -- '- %s\n' "$1" >>"$notes"
}
# generator_note WORKLOAD SIDE JSON: how much of a core the generator used, and its errors.
generator_note() {
  local errors
  errors=$(json errors <<<"$3")
  note "$1, $2: the generator used $(json cpu_util <<<"$3") of one core$([[ $errors != - && $errors != 0 ]] && echo "; $errors client errors, the first: $(json first_error <<<"$3")")"
}
# figure WORKLOAD FIGURE UNIT throughput|latency PLATFORM PEER
figure() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:--}" "${6:--}" >>"$figures"
}
# json FIELD < one JSON object: the field's value, '-' when absent or null.
json() {
  python3 -c 'import json, sys; v = json.load(sys.stdin).get(sys.argv[1]); print("-" if v is None else v)' "$1"
}
loadgen() { python3 "$bench/loadgen.py" "$@"; }
elapsed_rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { if (b > a) printf "%.2f", n / (b - a); else print "-" }'; }
machine() { printf '%s cores, load average %s' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"; }
step() { printf '\n== %s (%s)\n' "$1" "$(machine)"; }

started_load=$(cut -d' ' -f1-3 /proc/loadavg)
started_at=$(date -u '+%Y-%m-%d %H:%M:%S UTC')

# Workloads 1-5 run against the local stack and the peers; 6 and 7 start what they measure.
needs_stack() { wants 1 || wants 2 || wants 3 || wants 4 || wants 5; }
if needs_stack; then
  # --- accounts ---------------------------------------------------------------------------------
  users=$work/users
  {
    echo "submitter@$DOMAIN"
    echo "submit-rcpt@$DOMAIN"
    echo "idle@$DOMAIN"
    echo "warmup@$DOMAIN"
    echo "submit-warmup@$DOMAIN"
    for s in "${ingest_sessions[@]}"; do echo "ingest-$s-10k@$DOMAIN"; echo "ingest-$s-100k@$DOMAIN"; done
    for ((i = 1; i <= pop_accounts; i++)); do echo "pop$i@$DOMAIN"; done
  } >"$users"

  # --- the platform -----------------------------------------------------------------------------
  step "starting the local stack (data in $work/stack)"
  # Port 25's sender checks ask DNS, which a loopback benchmark does not have (Postfix does none);
  # the per-address and per-account limits would throttle a load generator on one address.
  # local-stack.sh starts the JVM with the C1 compiler only, for a quick start; the images run with
  # the full JIT, and so does the benchmark (a later -XX option wins).
  LOCAL_STACK_JAVA_OPTS="-XX:TieredStopAtLevel=4 ${LOCAL_STACK_JAVA_OPTS:-}" \
  "$root/local-stack.sh" --data-dir="$work/stack" --clean \
    --mailplatform.mta.inbound.authentication.spf-enabled=false \
    --mailplatform.mta.inbound.authentication.dkim-enabled=false \
    --mailplatform.mta.inbound.authentication.dmarc-enabled=false \
    --mailplatform.mta.inbound.authentication.arc-enabled=false \
    --mailplatform.kernel.max-connections-per-address=2000 \
    --mailplatform.msa.rate-limit.per-account-per-minute=100000000 \
    --mailplatform.msa.rate-limit.per-address-per-minute=100000000 \
    --mailplatform.msa.rate-limit.recipients-per-account-per-hour=0 \
    --mailplatform.imap.max-connections-per-user-and-address=0 \
    >"$work/local-stack.out" 2>&1 &
  stack_pid=$!
  waited=0
  until grep -q '^ Ready ' "$work/local-stack.out" 2>/dev/null; do
    if ! kill -0 "$stack_pid" 2>/dev/null; then
      echo "$PROG: the local stack did not start:" >&2
      tail -20 "$work/local-stack.out" >&2
      stack_pid=''
      exit 1
    fi
    ((waited++ < 900)) || { echo "$PROG: the local stack is not ready after 15 minutes" >&2; exit 1; }
    sleep 1
  done
  grep '^ Mail platform local stack is up\|^ Ready ' "$work/local-stack.out"
  # The banner lists each mail port as "<port> <what>, <TLS> (<production port>)".
  port_of() { sed -n "s/.* \([0-9][0-9]*\) $1.*/\1/p" "$work/local-stack.out" | head -1; }
  p_smtp=$(port_of 'SMTP, STARTTLS (25)')
  p_submission=$(port_of 'SMTP submission, STARTTLS (587)')
  p_pop3=$(port_of 'POP3, STARTTLS (110)')
  p_imap=$(port_of 'IMAP, STARTTLS (143)')
  for p in p_smtp p_submission p_pop3 p_imap; do
    [[ -n ${!p} ]] || { echo "$PROG: no ${p#p_} port in the local stack's banner" >&2; exit 1; }
  done
  echo "platform: smtp $p_smtp submission $p_submission pop3 $p_pop3 imap $p_imap"

  export MAILADMIN_URL=http://127.0.0.1:8083 MAILADMIN_TOKEN
  MAILADMIN_TOKEN=$(cat "$work/stack/admin-token")
  add_account() {
    printf '%s\n' "$password" | "$root/scripts/mailadmin" account add "$1" >/dev/null
  }
  export -f add_account
  export root password
  "$root/scripts/mailadmin" domain add "$DOMAIN" >/dev/null
  # Each account costs one Argon2id hash on the server: a few at a time.
  xargs -P 4 -I{} bash -c 'add_account "$1"' _ {} <"$users" || { echo "$PROG: could not create the accounts" >&2; exit 1; }
  echo "created $(wc -l <"$users") accounts on the platform"

  # --- the peers --------------------------------------------------------------------------------
  step "starting the private Postfix and Dovecot"
  "$bench/peers.sh" start "$work/peers" "$users" "$password"
  # shellcheck disable=SC1091
  source <(sed 's/^/q_/' "$work/peers/ports")
  maildirs=$work/peers/dovecot/mail

  # wait_platform USERS EXPECT / wait_peer USERS EXPECT: JSON with done_at once the mailboxes hold EXPECT.
  wait_platform() { loadgen wait --port "$p_imap" --users "$1" --password "$password" --expect "$2" --timeout 900; }
  wait_peer() { loadgen wait --maildir "$maildirs" --users "$1" --expect "$2" --timeout 900; }
fi

# --- 1. port 25 ingest and end to end (and 5. IDLE push latency) ------------------------------
# ingest SIDE PORT SESSIONS SIZE MESSAGES RCPT [IDLE]: sets acc_rate and e2e_rate (and idle_json).
ingest() {
  local side=$1 port=$2 sessions=$3 size=$4 messages=$5 rcpt=$6 idle=${7:-no}
  local stop=$work/idle-stop-$side idle_pid='' out=$work/ingest-$side-$sessions-$size
  acc_rate=- e2e_rate=- idle_json='{}'
  if [[ $idle == yes ]]; then
    rm -f "$stop"
    local sub_port=$p_submission imap_port=$p_imap
    [[ $side == peer ]] && sub_port=$q_submission imap_port=$q_imap
    loadgen idle --imap-port "$imap_port" --smtp-port "$sub_port" --submit-user "submitter@$DOMAIN" \
      --user "idle@$DOMAIN" --password "$password" --duration 5 --stop-file "$stop" >"$work/idle-$side.json" &
    idle_pid=$!
    sleep 2
  fi
  local t0 t1
  t0=$(date +%s.%N)
  smtp-source -s "$sessions" -m "$messages" -l "$size" -f "$SENDER" -t "$rcpt" "127.0.0.1:$port" >"$out.log" 2>&1 ||
    { echo "  smtp-source failed:"; tail -3 "$out.log"; }
  t1=$(date +%s.%N)
  grep -q 'fatal\|error' "$out.log" && { echo "  smtp-source reported:"; head -3 "$out.log"; }
  local done_json
  if [[ $side == platform ]]; then done_json=$(wait_platform "$rcpt" "$messages"); else done_json=$(wait_peer "$rcpt" "$messages"); fi
  acc_rate=$(elapsed_rate "$messages" "$t0" "$t1")
  if [[ $(json complete <<<"$done_json") == True ]]; then
    e2e_rate=$(elapsed_rate "$messages" "$t0" "$(json done_at <<<"$done_json")")
  else
    echo "  only $(json count <<<"$done_json") of $messages messages arrived within the timeout"
  fi
  if [[ -n $idle_pid ]]; then
    touch "$stop"
    wait "$idle_pid" || true
    idle_json=$(cat "$work/idle-$side.json")
    [[ -n $idle_json ]] || { echo "  the IDLE probe failed"; idle_json='{}'; }
  fi
  printf '  %-8s %3d sessions %6d B x %5d: accepted %8s msg/s, end to end %8s msg/s\n' \
    "$side" "$sessions" "$size" "$messages" "$acc_rate" "$e2e_rate"
}

if wants 1 || wants 5; then
  # A JVM compiles its hot paths after some thousands of calls: on a fresh stack the first few
  # hundred messages take two to three times as long as later ones. Both sides get the same
  # unmeasured pass first, so the figures are of a running service, not of its first minute.
  step "warm-up: $warmup_messages messages on port 25, 10 sessions, each side (not measured)"
  for port in "$p_smtp" "$q_smtp"; do
    smtp-source -s 10 -m "$warmup_messages" -l 10240 -f "$SENDER" -t "warmup@$DOMAIN" "127.0.0.1:$port" \
      >"$work/warmup-$port.log" 2>&1 || { echo "  the warm-up failed:"; tail -3 "$work/warmup-$port.log"; }
  done
  wait_platform "warmup@$DOMAIN" "$warmup_messages" >/dev/null || true
  wait_peer "warmup@$DOMAIN" "$warmup_messages" >/dev/null || true
  note "1. each side took $warmup_messages unmeasured messages on port 25 (10 sessions) before the first pass, so the JVM's compiler has seen the path"
  step "1. port 25 ingest (smtp-source, a new connection per message)"
  wants 1 && note "1. smtp-source opens a new connection for every message; end to end counts until the last message is in the mailbox (IMAP STATUS on the platform, the maildir for Dovecot)"
  wants 5 && note "5. the IDLE probes are submitted during workload 1's load and are delivered behind its messages on both sides, one probe at a time"
  for sessions in "${ingest_sessions[@]}"; do
    for size in 10240 102400; do
      if ! wants 1 && ! [[ $sessions == 20 && $size == 10240 ]]; then continue; fi
      messages=$ingest_messages_10k label=10k
      [[ $size == 102400 ]] && messages=$ingest_messages_100k label=100k
      ((sessions == 1)) && messages=$((messages / 5))
      probe=no
      wants 5 && [[ $sessions == 20 && $size == 10240 ]] && probe=yes
      rcpt=ingest-$sessions-$label@$DOMAIN
      ingest platform "$p_smtp" "$sessions" "$size" "$messages" "$rcpt" "$probe"
      a_acc=$acc_rate a_e2e=$e2e_rate a_idle=$idle_json
      ingest peer "$q_smtp" "$sessions" "$size" "$messages" "$rcpt" "$probe"
      b_acc=$acc_rate b_e2e=$e2e_rate b_idle=$idle_json
      if wants 1; then
        case_label="1. port 25, $sessions session$([[ $sessions == 1 ]] || echo s), ${label/k/ KiB}"
        figure "$case_label" "accepted ($messages msgs)" msg/s throughput "$a_acc" "$b_acc"
        figure "$case_label" "end to end" msg/s throughput "$a_e2e" "$b_e2e"
      fi
      if [[ $probe == yes ]]; then
        echo "  IDLE probes: platform $a_idle"
        echo "               peer     $b_idle"
        idle_a=$a_idle idle_b=$b_idle
      fi
    done
  done
  if wants 5 && [[ -n ${idle_a:-} ]]; then
    probes="$(json received <<<"$idle_a")/$(json received <<<"$idle_b") probes"
    for p in p50 p99; do
      figure "5. submit -> IDLE push, during 1. (20 sessions, 10 KiB)" "$p ($probes)" ms latency \
        "$(json ${p}_ms <<<"$idle_a")" "$(json ${p}_ms <<<"$idle_b")"
    done
  fi
fi

# --- 2. submission over TLS -------------------------------------------------------------------
if wants 2; then
  # As before workload 1: the submission path (TLS, AUTH, the MSA) is compiled by the JVM in its
  # first few hundred messages, so each side gets the same unmeasured pass first, delivered in full
  # before anything is measured.
  step "warm-up: $submit_warmup_messages submissions, 20 sessions, each side (not measured)"
  for port in "$p_submission" "$q_submission"; do
    loadgen submit --port "$port" --user "submitter@$DOMAIN" --password "$password" \
      --to "submit-warmup@$DOMAIN" --sessions 20 --messages "$submit_warmup_messages" --size 10240 >/dev/null ||
      echo "  the warm-up failed on port $port"
  done
  wait_platform "submit-warmup@$DOMAIN" "$submit_warmup_messages" >/dev/null || true
  wait_peer "submit-warmup@$DOMAIN" "$submit_warmup_messages" >/dev/null || true
  note "2. each side took $submit_warmup_messages unmeasured submissions (20 sessions, STARTTLS + AUTH PLAIN) before the measured pass"
  step "2. submission: STARTTLS, AUTH PLAIN, 20 sessions, 10 KiB, $submit_messages messages"
  # Each side's messages are in the mailbox before the other side starts, so neither delivers in
  # the background of the other's measurement.
  t0=$(date +%s.%N)
  a=$(loadgen submit --port "$p_submission" --user "submitter@$DOMAIN" --password "$password" \
    --to "submit-rcpt@$DOMAIN" --sessions 20 --messages "$submit_messages" --size 10240)
  a_e2e=$(elapsed_rate "$submit_messages" "$t0" "$(wait_platform "submit-rcpt@$DOMAIN" "$submit_messages" | json done_at)")
  echo "  platform $a, end to end $a_e2e msg/s"
  t0=$(date +%s.%N)
  b=$(loadgen submit --port "$q_submission" --user "submitter@$DOMAIN" --password "$password" \
    --to "submit-rcpt@$DOMAIN" --sessions 20 --messages "$submit_messages" --size 10240)
  b_e2e=$(elapsed_rate "$submit_messages" "$t0" "$(wait_peer "submit-rcpt@$DOMAIN" "$submit_messages" | json done_at)")
  echo "  peer     $b, end to end $b_e2e msg/s"
  figure "2. submission, 20 sessions, 10 KiB" "accepted ($submit_messages msgs)" msg/s throughput "$(json rate <<<"$a")" "$(json rate <<<"$b")"
  figure "2. submission, 20 sessions, 10 KiB" "end to end" msg/s throughput "$a_e2e" "$b_e2e"
  generator_note "2. submission" platform "$a"
  generator_note "2. submission" peer "$b"
  for side in a b; do
    util=$(json cpu_util <<<"${!side}")
    if awk -v u="$util" 'BEGIN { exit !(u != "-" && u > 0.8) }'; then
      note "2. submission: the generator used $util of a core and may be the bottleneck of this figure"
    fi
  done
fi

# --- 3. POP3 ----------------------------------------------------------------------------------
pop_users=$(seq -f "pop%g@$DOMAIN" 1 "$pop_accounts" | paste -sd,)
populated=no
populate() {
  [[ $populated == yes ]] && return 0
  step "filling $pop_accounts mailboxes with $pop_messages messages of 10 KiB each (port 25, 50 recipients a message)"
  seq -f "pop%g@$DOMAIN" 1 "$pop_accounts" >"$work/pop-users"
  loadgen send --port "$p_smtp" --recipients "$work/pop-users" --count "$pop_messages" --size 10240 >/dev/null
  loadgen send --port "$q_smtp" --recipients "$work/pop-users" --count "$pop_messages" --size 10240 >/dev/null
  local expect=$((pop_accounts * pop_messages)) a b
  a=$(wait_platform "$pop_users" "$expect")
  b=$(wait_peer "$pop_users" "$expect")
  echo "  platform holds $(json count <<<"$a"), Dovecot $(json count <<<"$b") of $expect"
  populated=yes
}

if wants 3; then
  populate
  step "3. POP3: 10 clients, $pop_accounts accounts x $pop_messages messages, $pass_secs s each, plaintext on loopback"
  a=$(loadgen pop3 --port "$p_pop3" --users "$pop_users" --password "$password" --clients 10 --duration "$pass_secs")
  echo "  platform $a"
  b=$(loadgen pop3 --port "$q_pop3" --users "$pop_users" --password "$password" --clients 10 --duration "$pass_secs")
  echo "  dovecot  $b"
  generator_note "3. POP3" platform "$a"
  generator_note "3. POP3" peer "$b"
  figure "3. POP3, 10 clients" RETR RETR/s throughput "$(json retr_per_s <<<"$a")" "$(json retr_per_s <<<"$b")"
  for f in pass_p50 pass_p99 retr_p50 retr_p99; do
    name=${f%_*} name=${name^^}
    figure "3. POP3, 10 clients" "$name ${f#*_}" ms latency "$(json "${f}_ms" <<<"$a")" "$(json "${f}_ms" <<<"$b")"
  done
fi

# --- 4. IMAP ----------------------------------------------------------------------------------
if wants 4; then
  populate
  imaptest=''
  if [[ -n ${IMAPTEST_DIR:-} ]]; then
    for c in "$IMAPTEST_DIR/imaptest" "$IMAPTEST_DIR/src/imaptest"; do [[ -x $c && ! -d $c ]] && imaptest=$c; done
  fi
  [[ -z $imaptest ]] && imaptest=$(command -v imaptest || true)
  if [[ -n $imaptest ]]; then
    step "4. IMAP: imaptest stress, 10 clients over $pop_accounts accounts, $pass_secs s each, plaintext"
    imaptest_rate() {
      # imaptest prints one line of counts per second, then "Totals:" and the total counts.
      timeout $((pass_secs + 120)) "$imaptest" host=127.0.0.1 port="$1" user="pop%d@$DOMAIN" users=1-"$pop_accounts" \
        pass="$password" clients=10 secs="$pass_secs" no_pipelining 2>&1 |
        awk -v secs="$pass_secs" '/^Totals:/ { t = 1; next } t && /^ *[0-9]+( +[0-9]+)* *$/ { for (i = 1; i <= NF; i++) s += $i; t = 0 }
                                  END { if (s) printf "%.2f", s / secs; else print "-" }'
    }
    a=$(imaptest_rate "$p_imap")
    b=$(imaptest_rate "$q_imap")
    echo "  platform $a commands/s, dovecot $b commands/s"
    figure "4. IMAP, imaptest, 10 clients" commands cmd/s throughput "$a" "$b"
  else
    echo
    echo "4. imaptest not found (set IMAPTEST_DIR to its built source tree, see imap-gateway/README.md): using the scripted imaplib mix"
    step "4. IMAP: 10 imaplib clients, SELECT then FETCH/STORE/SEARCH, $pass_secs s each, plaintext"
    imap_users=$(seq -f "pop%g@$DOMAIN" 1 10 | paste -sd,)
    a=$(loadgen imap --port "$p_imap" --users "$imap_users" --password "$password" --clients 10 --duration "$pass_secs")
    echo "  platform $a"
    b=$(loadgen imap --port "$q_imap" --users "$imap_users" --password "$password" --clients 10 --duration "$pass_secs")
    echo "  dovecot  $b"
    note "4. imaptest was not found: the figures are the scripted imaplib mix"
    generator_note "4. IMAP" platform "$a"
    generator_note "4. IMAP" peer "$b"
    figure "4. IMAP mix, 10 clients" commands cmd/s throughput "$(json commands_per_s <<<"$a")" "$(json commands_per_s <<<"$b")"
    figure "4. IMAP mix, 10 clients" "command p50" ms latency "$(json p50_ms <<<"$a")" "$(json p50_ms <<<"$b")"
    figure "4. IMAP mix, 10 clients" "command p99" ms latency "$(json p99_ms <<<"$a")" "$(json p99_ms <<<"$b")"
  fi
fi

# --- 6. and 7. the platform alone -------------------------------------------------------------
if wants 6 || wants 7; then
  # These start their own services: the stack and the peers of workloads 1-5 would only compete.
  if [[ -n $stack_pid ]]; then
    kill -TERM "$stack_pid" 2>/dev/null || true
    wait "$stack_pid" 2>/dev/null || true
    stack_pid=''
  fi
  [[ -d $work/peers ]] && "$bench/peers.sh" stop "$work/peers"
fi
# table_value LABEL FILE: the value column of the "| LABEL | value |" row of a markdown table.
table_value() { awk -F' [|] ' -v k="$1" 'index($1, "| " k) == 1 { sub(/ [|]$/, "", $2); print $2; exit }' "$2"; }
# first_number TEXT [AFTER]: the first number in TEXT (after the word AFTER when given), '-' if none.
first_number() { python3 -c 'import re, sys; t = sys.argv[1]; a = sys.argv[2]; t = t[t.index(a) + len(a):] if a and a in t else ("" if a else t); m = re.search(r"[0-9]+(?:\.[0-9]+)?", t); print(m.group(0) if m else "-")' "$1" "${2:-}"; }

if wants 6; then
  step "6. $idle_connections IMAP IDLE sessions on one gateway (plaintext LOGIN)"
  out=$work/idle-sessions.txt
  if "$root/imap-gateway/bench/run-idle-benchmark.sh" --connections="$idle_connections" >"$out" 2>&1; then
    grep '^|' "$out" || true
    label="6. $idle_connections IDLE sessions, one gateway"
    figure "$label" "RSS, all idle" MiB size "$(first_number "$(table_value 'gateway RSS, all IDLE' "$out")")"
    figure "$label" "heap after GC, all idle" MiB size "$(first_number "$(table_value 'gateway heap after GC, all IDLE' "$out")")"
    everyone=$(table_value 'EXISTS to all IDLE sessions' "$out")
    figure "$label" "one message to all, last EXISTS" ms latency \
      "$(awk -v s="$(first_number "$everyone" last)" 'BEGIN { if (s == "-") print "-"; else printf "%.0f", s * 1000 }')"
    figure "$label" "one delivery -> EXISTS, median" ms latency "$(first_number "$(table_value 'single delivery' "$out")" median)"
    note "6. no peer figure: Dovecot keeps one imap process per connection (or hibernates IDLE sessions), which this run does not set up"
  else
    echo "  the IDLE benchmark failed:"; tail -20 "$out"
    note "6. the IDLE benchmark failed; its output is in the kept run directory (--keep)"
  fi
fi

if wants 7; then
  step "7. each service as a process of its own: readiness, resident set idle and under load"
  out=$work/footprint.txt
  if [[ ! -f $root/local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar ]]; then
    (cd "$root" && ./mvnw -B -q -pl local-stack -am install -DskipTests) >"$work/footprint-build.log" 2>&1 ||
      { echo "  the build failed:"; tail -20 "$work/footprint-build.log"; }
  fi
  if "$root/scripts/service-footprint.sh" --load="$footprint_load_secs" --data-dir="$work/footprint" >"$out" 2>&1; then
    # The report's lines: "<service> <ready> s <rss> MiB <threads> <heap> MiB | <rss after> MiB <peak> MiB ...".
    for service in msa-service mta-service mda-service pop3-gateway imap-gateway; do
      line=$(grep -E "^$service +[0-9.]+ s " "$out" | tail -1)
      [[ -n $line ]] || continue
      echo "  $line"
      read -r ready rss peak < <(awk '{ print $2, $4, $12 }' <<<"$line")
      figure "7. $service, own process" "ready" s latency "$ready"
      figure "7. $service, own process" "RSS idle" MiB size "$rss"
      figure "7. $service, own process" "peak RSS, under load" MiB size "$peak"
    done
    note "7. no peer figure: Postfix and Dovecot are many small processes started by a master, not comparable one for one"
  else
    echo "  the footprint run failed:"; tail -20 "$out"
    note "7. the footprint run failed; its output is in the kept run directory (--keep)"
  fi
fi

# --- results ----------------------------------------------------------------------------------
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p "$output"
meta=$work/meta.md
# The JDK local-stack.sh runs the stack with (its own rule), not whatever java is first on the PATH.
stack_java=java
if [[ -n "${JAVA_HOME:-}" ]]; then stack_java=$JAVA_HOME/bin/java
elif [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then stack_java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; fi
{
  echo "# Benchmark $(date -u '+%Y-%m-%d %H:%M UTC')$([[ $quick == yes ]] && echo ' (--quick)')"
  echo
  echo "- Machine: $(uname -n), $(uname -sr), $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM"
  echo "- Load average: $started_load at the start ($started_at), $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "- Platform: commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown), local stack (one JVM), $("$stack_java" -version 2>&1 | head -1)"
  echo "- Platform settings for the run: port 25's SPF, DKIM, DMARC and ARC checks off (no DNS on loopback; Postfix does none), per-address and per-account limits raised"
  echo "- Peer: Postfix $(postconf -d -h mail_version 2>/dev/null) delivering over LMTP to Dovecot $(dovecot --version | cut -d' ' -f1)"
  echo "- Clients: smtp-source (Postfix $(postconf -d -h mail_version 2>/dev/null)), $(python3 --version) (bench/loadgen.py)"
} >"$meta"
echo
"$bench/report.py" "$figures" "$meta" "$output/$stamp.md" --plot "$output/$stamp.png"
if [[ -s $notes ]]; then
  printf '\nNotes:\n\n' >>"$output/$stamp.md"
  cat "$notes" >>"$output/$stamp.md"
fi
echo
echo "results: $output/$stamp.md$([[ -f $output/$stamp.png ]] && echo " and $output/$stamp.png")"
