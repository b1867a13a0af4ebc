#!/usr/bin/env bash
# The peers the platform is measured against: a private Postfix that delivers over LMTP to a
# private Dovecot (IMAP, POP3, LMTP, SASL for Postfix's submission), all on loopback.
#
#   bench/peers.sh start DIR USERS-FILE PASSWORD   starts both; writes DIR/ports (NAME=PORT lines)
#   bench/peers.sh stop DIR                        stops both (by the pids they wrote), keeps DIR
#
# Everything lives in DIR (empty or absent): configuration, queue, state, logs, the maildirs
# (DIR/dovecot/mail/<address>). Listeners: Postfix smtpd (port 25's role) and submission
# (STARTTLS required, AUTH through Dovecot's auth socket), Dovecot IMAP and POP3 without TLS, all
# on 127.0.0.1 and free ports; LMTP is a UNIX socket. The system's Postfix and Dovecot, their
# configuration and ports are never touched. Passwords are Argon2id at the platform's shipped cost
# (19 MiB, 2 passes, 1 lane) when the argon2 command is installed, so a login costs the same on
# both sides. Must run as root (Postfix's master binds and then switches to its mail_owner).
set -euo pipefail

readonly PROG=${0##*/}
export PATH=$PATH:/usr/sbin:/sbin
readonly MASTER=/usr/lib/postfix/sbin/master
readonly DOMAIN=${BENCH_DOMAIN:-bench.test}

usage() {
  sed -n '5,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

password_hash() {
  local password=$1
  if command -v argon2 >/dev/null; then
    printf '{ARGON2ID}%s' "$(printf '%s' "$password" | argon2 "$(openssl rand -hex 8)" -id -t 2 -k 19456 -p 1 -l 32 -e)"
  else
    doveadm pw -s ARGON2ID -p "$password"
  fi
}

wait_for_port() {
  local port=$1 what=$2 i
  for ((i = 0; i < 200; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$PROG: $what did not start listening on $port" >&2
  return 1
}

start_dovecot() {
  local dir=$1 users_file=$2 password=$3 imap_port=$4 pop3_port=$5
  mkdir -p "$dir"/{run,state,mail}
  chown nobody:nogroup "$dir/mail"
  local hash address
  hash=$(password_hash "$password")
  while IFS= read -r address; do
    [[ -n $address ]] && printf '%s:%s\n' "$address" "$hash"
  done <"$users_file" >"$dir/passwd"
  chmod 640 "$dir/passwd"
  chgrp dovecot "$dir/passwd"
  cat >"$dir/dovecot.conf" <<EOF
# Private benchmark instance; nothing here is shared with a system Dovecot.
instance_name = bench-peer-$imap_port
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = imap pop3 lmtp
listen = 127.0.0.1
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
# Plaintext on loopback, as the platform's gateways are measured (no TLS on either side).
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$dir/mail/%u
mail_max_userip_connections = 10000
# Dovecot's auth cache, as the platform's credential cache remembers a verified login.
auth_cache_size = 10M
auth_cache_ttl = 1 hour
auth_cache_negative_ttl = 0
passdb {
  driver = passwd-file
  args = $dir/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$dir/mail/%u
}
# High-performance login mode: long-lived login processes serving many connections.
service imap-login {
  service_count = 0
  process_min_avail = $(nproc)
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service pop3-login {
  service_count = 0
  process_min_avail = $(nproc)
  inet_listener pop3 {
    address = 127.0.0.1
    port = $pop3_port
  }
  inet_listener pop3s {
    port = 0
  }
  chroot =
}
service imap {
  process_limit = 10000
}
service pop3 {
  process_limit = 10000
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
# Postfix's lmtp client and smtpd (as the postfix user) connect to these.
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
namespace inbox {
  inbox = yes
  separator = /
}
EOF
  dovecot -c "$dir/dovecot.conf"
  wait_for_port "$imap_port" Dovecot
  cp "$dir/run/master.pid" "$dir/pid"
}

start_postfix() {
  local dir=$1 lmtp_socket=$2 auth_socket=$3 smtp_port=$4 submission_port=$5
  mkdir -p "$dir"/{config,queue}
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
    -subj '/CN=localhost/O=benchmark peer' -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' \
    -keyout "$dir/config/tls.key" -out "$dir/config/tls.crt" 2>/dev/null
  chmod 600 "$dir/config/tls.key"
  cat >"$dir/config/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
myhostname = postfix.$DOMAIN
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination =
alias_maps =
alias_database =
biff = no
smtp_dns_support_level = disabled
virtual_mailbox_domains = $DOMAIN
virtual_mailbox_maps = static:ok
virtual_transport = lmtp:unix:$lmtp_socket
smtpd_tls_security_level = may
smtpd_tls_cert_file = $dir/config/tls.crt
smtpd_tls_key_file = $dir/config/tls.key
smtpd_sasl_type = dovecot
smtpd_sasl_path = $auth_socket
EOF
  # No chroot: the directory holds no copy of the libraries and /etc files a chroot needs.
  cat >"$dir/config/master.cf" <<EOF
127.0.0.1:$smtp_port inet n - n - - smtpd
127.0.0.1:$submission_port inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
  # Creates the queue's subdirectories and data_directory with the owners and modes Postfix insists on.
  postfix -c "$dir/config" check
  # setsid: the master leads its own process group and takes its children with it on SIGTERM.
  setsid "$MASTER" -c "$dir/config" -d >"$dir/master.out" 2>&1 &
  echo $! >"$dir/pid"
  wait_for_port "$smtp_port" Postfix
  wait_for_port "$submission_port" "Postfix's submission"
}

start() {
  local dir=$1 users_file=$2 password=$3
  [[ $(id -u) == 0 ]] || { echo "$PROG: must run as root (Postfix's master, Dovecot's mail user)" >&2; exit 1; }
  for tool in dovecot doveadm postfix "$MASTER" openssl python3; do
    command -v "$tool" >/dev/null || { echo "$PROG: $tool is missing (apt-get install postfix dovecot-imapd dovecot-pop3d dovecot-lmtpd openssl python3)" >&2; exit 1; }
  done
  if [[ -e $dir && -n $(ls -A "$dir") ]]; then
    echo "$PROG: $dir is not empty" >&2
    exit 1
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  # Postfix (postfix), Dovecot's auth (dovecot) and mail processes (nobody) work below DIR.
  chmod 755 "$dir"
  local up=$dir
  while [[ $up != / ]]; do
    up=$(dirname "$up")
    [[ $(stat -c %A "$up") == *[xt] ]] || { echo "$PROG: $up is not searchable by other users" >&2; exit 1; }
  done
  local smtp_port submission_port imap_port pop3_port
  smtp_port=$(free_port) submission_port=$(free_port) imap_port=$(free_port) pop3_port=$(free_port)
  start_dovecot "$dir/dovecot" "$users_file" "$password" "$imap_port" "$pop3_port"
  start_postfix "$dir/postfix" "$dir/dovecot/run/lmtp" "$dir/dovecot/run/auth-postfix" "$smtp_port" "$submission_port"
  printf 'smtp=%s\nsubmission=%s\nimap=%s\npop3=%s\n' "$smtp_port" "$submission_port" "$imap_port" "$pop3_port" >"$dir/ports"
  echo "$PROG: Postfix $(postconf -d -h mail_version) smtp $smtp_port submission $submission_port; Dovecot $(dovecot --version | cut -d' ' -f1) imap $imap_port pop3 $pop3_port" >&2
}

stop_pid() {
  local pidfile=$1 pid i
  [[ -s $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$pidfile"
}

stop() {
  local dir=$1
  stop_pid "$dir/postfix/pid"
  stop_pid "$dir/dovecot/pid"
}

case ${1-} in
  start) (($# == 4)) || usage; start "$2" "$3" "$4" ;;
  stop) (($# == 2)) || usage; stop "$2" ;;
  *) usage ;;
esac
