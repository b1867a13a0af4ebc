#!/usr/bin/env bash
# A private Dovecot IMAP server on loopback, the reference the gateway is compared with.
#
#   dovecot-peer.sh start DIR USERS-FILE PASSWORD   starts it; prints the implicit-TLS port
#   dovecot-peer.sh stop DIR                        stops it (by the pid it wrote) and keeps DIR
#
# Everything lives in DIR (which must be empty or absent): its own configuration, base_dir,
# state, log (DIR/dovecot.log), a self-signed EC P-256 certificate like the local stack's, a
# passwd-file with one line per address in USERS-FILE (all with PASSWORD) and the maildirs. It
# listens on 127.0.0.1 only, implicit TLS on a free port (DIR/port); no port-143 listener. POP3
# listens on another free port (DIR/pop3-port) without TLS: Dovecot counts a loopback connection as
# secured, so USER/PASS work there, as on the platform's local-dev POP3 port (pop3-gateway/bench).
# It never touches the system Dovecot's configuration or runtime directories.
#
# Passwords are stored as Argon2id at the platform's shipped cost (19 MiB, 2 passes, 1 lane) when
# the argon2 command is installed (Debian package argon2), so that LOGIN costs the same on both
# sides; otherwise as doveadm's ARGON2ID (64 MiB, 3 passes), which the start message says.
#
# Requires Debian's dovecot-imapd (dovecot and doveadm on PATH or in /usr/sbin) and openssl.
# Run as root, the mail processes run as nobody:nogroup (Dovecot refuses UID 0 for mail access);
# run as another user, everything runs as that user.
set -euo pipefail

readonly PROG=${0##*/}
export PATH=$PATH:/usr/sbin:/sbin

usage() {
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

password_hash() {
  local password=$1
  if command -v argon2 >/dev/null; then
    local salt
    salt=$(openssl rand -hex 8)
    printf '{ARGON2ID}%s' "$(printf '%s' "$password" | argon2 "$salt" -id -t 2 -k 19456 -p 1 -l 32 -e)"
  else
    doveadm pw -s ARGON2ID -p "$password"
  fi
}

start() {
  local dir=$1 users_file=$2 password=$3
  command -v dovecot >/dev/null || { echo "$PROG: dovecot is not installed (apt-get install dovecot-imapd)" >&2; exit 1; }
  if [[ -e $dir && -n $(ls -A "$dir") ]]; then
    echo "$PROG: $dir is not empty" >&2
    exit 1
  fi
  mkdir -p "$dir"/{run,state,mail,tls}
  dir=$(cd "$dir" && pwd)

  local mail_user mail_group login_user internal_user chroot_line=''
  if [[ $(id -u) == 0 ]]; then
    mail_user=nobody
    mail_group=$(id -gn nobody)
    login_user=dovenull
    internal_user=dovecot
    # The auth process (as dovecot) reads DIR/passwd and the mail processes (as nobody) write
    # DIR/mail: every directory above must be searchable by others.
    chmod 711 "$dir"
    local up=$dir
    while [[ $up != / ]]; do
      up=$(dirname "$up")
      if [[ $(stat -c %A "$up") != *[xt] ]]; then
        echo "$PROG: $up is not searchable by other users (chmod o+x it, or use another DIR)" >&2
        exit 1
      fi
    done
    chown "$mail_user:$mail_group" "$dir/mail"
  else
    mail_user=$(id -un)
    mail_group=$(id -gn)
    login_user=$mail_user
    internal_user=$mail_user
    chroot_line='chroot ='
  fi

  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
    -subj '/CN=localhost/O=imap gateway benchmark peer' -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' \
    -keyout "$dir/tls/tls.key" -out "$dir/tls/tls.crt" 2>/dev/null
  chmod 600 "$dir/tls/tls.key"

  local hash address
  hash=$(password_hash "$password")
  while IFS= read -r address; do
    [[ -n $address ]] && printf '%s:%s\n' "$address" "$hash"
  done <"$users_file" >"$dir/passwd"
  chmod 640 "$dir/passwd"
  [[ $(id -u) == 0 ]] && chgrp "$internal_user" "$dir/passwd"

  local port pop3_port
  port=$(free_port)
  pop3_port=$(free_port)
  cat >"$dir/dovecot.conf" <<EOF
# Private benchmark instance; nothing here is shared with a system Dovecot.
instance_name = imap-bench-peer-$port
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = imap pop3
listen = 127.0.0.1
default_login_user = $login_user
default_internal_user = $internal_user
first_valid_uid = 1
ssl = required
ssl_cert = <$dir/tls/tls.crt
ssl_key = <$dir/tls/tls.key
disable_plaintext_auth = yes
auth_mechanisms = plain login
mail_location = maildir:$dir/mail/%u
# Every imaptest client comes from 127.0.0.1; Dovecot's default is 10 per user and address.
mail_max_userip_connections = 10000
# Dovecot's auth cache, so that both sides remember a verified login, as the platform's credential
# cache does (Dovecot's default is no cache).
auth_cache_size = 10M
auth_cache_ttl = 1 hour
auth_cache_negative_ttl = 0
passdb {
  driver = passwd-file
  args = $dir/passwd
}
userdb {
  driver = static
  args = uid=$mail_user gid=$mail_group home=$dir/mail/%u
}
# Dovecot's high-performance login mode (one long-lived login process per core serving many
# connections) rather than a new process per connection: the fairer peer for a benchmark.
service imap-login {
  service_count = 0
  process_min_avail = $(nproc)
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $port
    ssl = yes
  }
  $chroot_line
}
service imap {
  process_limit = 10000
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
  $chroot_line
}
service pop3 {
  process_limit = 10000
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0600
  }
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
  }
  mailbox Sent {
    special_use = \\Sent
  }
  mailbox Trash {
    special_use = \\Trash
  }
}
EOF
  printf '%s\n' "$port" >"$dir/port"
  printf '%s\n' "$pop3_port" >"$dir/pop3-port"
  dovecot -c "$dir/dovecot.conf"
  # The master writes base_dir/master.pid once it listens.
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s $dir/run/master.pid ]] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  if [[ ! -s $dir/run/master.pid ]]; then
    echo "$PROG: dovecot did not start; see $dir/dovecot.log" >&2
    exit 1
  fi
  cp "$dir/run/master.pid" "$dir/pid"
  if command -v argon2 >/dev/null; then
    echo "$PROG: Dovecot $(dovecot --version | cut -d' ' -f1) pid $(cat "$dir/pid") on 127.0.0.1:$port (implicit TLS), Argon2id 19 MiB/2 passes" >&2
  else
    echo "$PROG: Dovecot $(dovecot --version | cut -d' ' -f1) pid $(cat "$dir/pid") on 127.0.0.1:$port (implicit TLS), doveadm's ARGON2ID (64 MiB/3 passes: install argon2 for the platform's cost)" >&2
  fi
  printf '%s\n' "$port"
}

stop() {
  local dir=$1 pid i
  [[ -s $dir/pid ]] || return 0
  pid=$(cat "$dir/pid")
  # The master stops its children itself on SIGTERM.
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && { echo "$PROG: dovecot pid $pid did not stop" >&2; return 1; }
  fi
  rm -f "$dir/pid"
}

case ${1-} in
  start) (($# == 4)) || usage; start "$2" "$3" "$4" ;;
  stop) (($# == 2)) || usage; stop "$2" ;;
  *) usage ;;
esac
