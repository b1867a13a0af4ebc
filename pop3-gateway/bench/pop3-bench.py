#!/usr/bin/env python3
"""POP3 download benchmark of the gateway, side by side with a private Dovecot in the same run.

The workload: ACCOUNTS accounts with MESSAGES messages each; CLIENTS threads each take an account,
connect, log in with USER/PASS (plaintext on loopback on both sides), RETR every message, QUIT
without deleting. One warm-up round, then ROUNDS measured rounds over all accounts, alternating
between the servers. Printed per server: RETR/s over the measured rounds (wall time, logins included);
RETR/s without logins (the clients' count over the mean RETR latency: what they would reach with one
RETR each in flight and no PASS, so a slow password check on one side does not hide its RETR speed);
PASS and RETR latency p50/p99.

    pop3-gateway/bench/pop3-bench.py                       # start the local stack, then Dovecot
    pop3-gateway/bench/pop3-bench.py --running --admin-token=T --port=10110
    pop3-gateway/bench/pop3-bench.py --no-peer             # the platform only
    pop3-gateway/bench/pop3-bench.py --own-network         # beside another local stack (root)

The messages come from imap-gateway/bench/bench-mbox.py (a fixed seed: the same mix on both sides)
and are stored on the platform with IMAP APPEND into each INBOX (implicit TLS, port --imaps-port),
on Dovecot as maildir files. Options: --help.
"""
import argparse
import concurrent.futures
import imaplib
import os
import poplib
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(BENCH, "..", ".."))
IMAP_BENCH = os.path.join(ROOT, "imap-gateway", "bench")
DOMAIN = "pop3bench.test"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, default=10)
    p.add_argument("--accounts", type=int, default=50)
    p.add_argument("--messages", type=int, default=50, help="messages per account")
    p.add_argument("--rounds", type=int, default=3, help="measured rounds (after one warm-up round)")
    p.add_argument("--running", action="store_true", help="use a platform that runs already")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=10110, help="the platform's POP3 port (plaintext)")
    p.add_argument("--imaps-port", type=int, default=10993, help="the platform's IMAP implicit-TLS port, for loading")
    p.add_argument("--admin-url", default="http://127.0.0.1:8083")
    p.add_argument("--admin-token", default=os.environ.get("MAILADMIN_TOKEN", ""))
    p.add_argument("--stack-option", action="append", default=[], help="one more local-stack.sh option")
    p.add_argument("--stack-java-options", default="", help="LOCAL_STACK_JAVA_OPTS, e.g. a JFR recording")
    p.add_argument("--no-peer", action="store_true", help="skip Dovecot")
    p.add_argument("--keep", action="store_true", help="keep the temporary directory")
    p.add_argument("--own-network", action="store_true",
                   help="run everything in network and mount namespaces of their own, with a private /tmp "
                        "(root; unshare): the stack's dev ports and PostgreSQL's socket then never clash with "
                        "another local stack on the machine; results outside /tmp stay")
    return p.parse_args()


def percentile(values, q):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def load_messages(work, count):
    mbox = os.path.join(work, "bench.mbox")
    subprocess.run([sys.executable, os.path.join(IMAP_BENCH, "bench-mbox.py"), mbox, f"--messages={count}"],
                   check=True)
    with open(mbox, "rb") as f:
        data = f.read()
    messages = []
    for chunk in re.split(rb"(?m)^From [^\n]*\n", data):
        if not chunk.strip():
            continue
        body = re.sub(rb"(?m)^>(>*From )", rb"\1", chunk).rstrip(b"\n") + b"\n"
        body = body.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        messages.append(body)
    if len(messages) < count:
        raise SystemExit(f"bench-mbox.py gave {len(messages)} messages, {count} wanted")
    # A line that starts with "." exercises byte-stuffing (RFC 1939 3) on both sides.
    return [m.replace(b"\r\n\r\n", b"\r\n\r\n.signature line that begins with a dot\r\n", 1) for m in messages[:count]]


class Stack:
    def __init__(self, args, work):
        self.args, self.work, self.proc = args, work, None

    def start(self):
        data, log = os.path.join(self.work, "stack"), os.path.join(self.work, "local-stack.out")
        print(f"starting the local stack (data in {data}; its output: {log})...", flush=True)
        env = dict(os.environ, LOCAL_STACK_JAVA_OPTS=self.args.stack_java_options)
        cmd = [os.path.join(ROOT, "local-stack.sh"), f"--data-dir={data}", "--clean",
               f"--mailplatform.kernel.max-connections-per-address={self.args.clients + 100}",
               "--mailplatform.pop3.allow-plaintext-auth=true"] + self.args.stack_option
        self.proc = subprocess.Popen(cmd, stdout=open(log, "wb"), stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + 900
        while True:
            if self.proc.poll() is not None:
                raise SystemExit("the local stack did not start:\n" + open(log, errors="replace").read()[-3000:])
            with open(log, errors="replace") as f:
                ready = [l for l in f if l.startswith(" Ready ")]
            if ready:
                print(ready[0].rstrip(), flush=True)
                break
            if time.time() > deadline:
                raise SystemExit("the local stack is not ready after 15 minutes")
            time.sleep(1)
        with open(os.path.join(data, "admin-token")) as f:
            return f.read().strip()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            print(f"stopping the local stack (pid {self.proc.pid})...", flush=True)
            self.proc.terminate()
            try:
                self.proc.wait(120)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def mailadmin(args, token, *command, stdin=None):
    env = dict(os.environ, MAILADMIN_URL=args.admin_url, MAILADMIN_TOKEN=token)
    return subprocess.run([os.path.join(ROOT, "scripts", "mailadmin"), *command], input=stdin, env=env,
                          capture_output=True, text=True)


def prepare_platform(args, token, users, password, messages):
    if mailadmin(args, token, "domain", "show", DOMAIN).returncode != 0:
        r = mailadmin(args, token, "domain", "add", DOMAIN)
        if r.returncode != 0:
            raise SystemExit("domain add failed: " + r.stderr)

    def account(address):
        r = mailadmin(args, token, "account", "add", address, stdin=password + "\n")
        if r.returncode != 0:
            if "409" not in r.stderr:
                raise SystemExit(f"account add {address} failed: {r.stderr}")
            mailadmin(args, token, "account", "passwd", address, stdin=password + "\n")

    def fill(address):
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        imap = imaplib.IMAP4_SSL(args.host, args.imaps_port, ssl_context=context)
        imap.login(address, password)
        typ, data = imap.select("INBOX")
        have = int(data[0])
        if have not in (0, len(messages)):
            raise SystemExit(f"{address} holds {have} messages; use a fresh stack")
        if have == 0:
            for m in messages:
                imap.append("INBOX", None, None, m)
        imap.logout()

    print(f"creating {len(users)} accounts on the platform and appending {len(messages)} messages to each...",
          flush=True)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(account, users))
        list(pool.map(fill, users))


def prepare_dovecot(work, users, password, messages):
    users_file = os.path.join(work, "users")
    peer = os.path.join(work, "dovecot")
    # No pipes: the Dovecot master inherits the script's output and would hold a pipe open for good.
    subprocess.run([os.path.join(IMAP_BENCH, "dovecot-peer.sh"), "start", peer, users_file, password],
                   check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(peer, "pop3-port")) as f:
        port = int(f.read())
    owner = shutil.chown if os.getuid() == 0 else None
    for address in users:
        base = os.path.join(peer, "mail", address)
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(base, sub), exist_ok=True)
        for i, m in enumerate(messages):
            path = os.path.join(base, "cur", f"{1700000000 + i}.M{i}P1.bench,S={len(m)}:2,S")
            with open(path, "wb") as f:
                f.write(m)
        if owner:
            for dirpath, dirnames, filenames in os.walk(base):
                owner(dirpath, "nobody", "nogroup")
                for name in filenames:
                    owner(os.path.join(dirpath, name), "nobody", "nogroup")
    return peer, port


def session(host, port, address, password, expected):
    pop = poplib.POP3(host, port, timeout=60)
    pop.user(address)
    t = time.perf_counter()
    pop.pass_(password)
    pass_ms = (time.perf_counter() - t) * 1000
    count, _ = pop.stat()
    if count != expected:
        raise RuntimeError(f"{address}: {count} messages, {expected} expected")
    retr = []
    for n in range(1, count + 1):
        t = time.perf_counter()
        pop.retr(n)
        retr.append((time.perf_counter() - t) * 1000)
    pop.quit()
    return pass_ms, retr


class Target:
    """One server under test and what was measured on it."""

    def __init__(self, name, port, clients):
        self.name, self.port, self.clients = name, port, clients
        self.passes, self.retrs, self.secs = [], [], 0.0

    def round(self, args, pool, users, password, expected, counted=True):
        started = time.perf_counter()
        results = list(pool.map(lambda u: session(args.host, self.port, u, password, expected), users))
        if counted:
            self.secs += time.perf_counter() - started
            for pass_ms, retr in results:
                self.passes.append(pass_ms)
                self.retrs.extend(retr)

    def figures(self):
        # What the clients would reach if they never logged in: each client has one RETR in flight.
        retr_only = len(self.retrs) / (sum(self.retrs) / 1000) * min(self.clients, len(self.passes))
        return {"retr_per_s": len(self.retrs) / self.secs, "retr_only_per_s": retr_only,
                "pass_p50": percentile(self.passes, 0.5),
                "pass_p99": percentile(self.passes, 0.99), "retr_p50": percentile(self.retrs, 0.5),
                "retr_p99": percentile(self.retrs, 0.99)}


def workload(args, targets, users, password, expected):
    """Rounds alternate between the servers, so that a change in the machine's load hits both alike."""
    print(f"\nPOP3: {args.clients} clients, {len(users)} accounts x {expected} messages, 1 warm-up + "
          f"{args.rounds} measured rounds on each of: " + ", ".join(f"{t.name} (port {t.port})" for t in targets),
          flush=True)
    with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
        for target in targets:
            target.round(args, pool, users, password, expected, counted=False)
        for r in range(args.rounds):
            for target in targets:
                target.round(args, pool, users, password, expected)
            print(f"  round {r + 1}: " + ", ".join(
                f"{t.name} {len(t.retrs) / t.secs:.0f} RETR/s" for t in targets), flush=True)


def main():
    args = parse_args()
    if args.own_network and os.environ.get("POP3_BENCH_NETNS") != "1":
        argv = [a for a in sys.argv[1:] if a != "--own-network"]
        script = 'mount -t tmpfs -o mode=1777 bench-tmp /tmp && ip link set lo up && exec "$0" "$@"'
        env = dict(os.environ, POP3_BENCH_NETNS="1")
        os.execvpe("unshare", ["unshare", "--net", "--mount", "sh", "-c", script, os.path.abspath(__file__), *argv], env)
    work = tempfile.mkdtemp(prefix="pop3-bench.")
    os.chmod(work, 0o711)
    users = [f"p{i}@{DOMAIN}" for i in range(1, args.accounts + 1)]
    with open(os.path.join(work, "users"), "w") as f:
        f.write("".join(u + "\n" for u in users))
    password = "pop3bench-" + os.urandom(6).hex()
    stack, peer_dir = Stack(args, work), None
    try:
        messages = load_messages(work, args.messages)
        token = args.admin_token
        if not args.running:
            token = stack.start()
        if not token:
            raise SystemExit("no admin API token: give --admin-token or MAILADMIN_TOKEN")
        prepare_platform(args, token, users, password, messages)
        targets = [Target("platform", args.port, args.clients)]
        if not args.no_peer:
            print("starting a private Dovecot...", flush=True)
            peer_dir, peer_port = prepare_dovecot(work, users, password, messages)
            targets.append(Target("dovecot", peer_port, args.clients))
        workload(args, targets, users, password, len(messages))
        results = {t.name: t.figures() for t in targets}
        print(f"\n{'':10} {'RETR/s':>8} {'w/o login':>9} {'PASS p50':>9} {'PASS p99':>9} {'RETR p50':>9} {'RETR p99':>9}   "
              f"({os.cpu_count()} cores, load {open('/proc/loadavg').read().split()[0]})")
        for name, f in results.items():
            print(f"{name:10} {f['retr_per_s']:8.0f} {f['retr_only_per_s']:9.0f} {f['pass_p50']:7.1f}ms {f['pass_p99']:7.1f}ms "
                  f"{f['retr_p50']:7.2f}ms {f['retr_p99']:7.2f}ms")
        if "dovecot" in results:
            print(f"platform / dovecot RETR/s: {results['platform']['retr_per_s'] / results['dovecot']['retr_per_s']:.2f}")
    finally:
        if peer_dir:
            subprocess.run([os.path.join(IMAP_BENCH, "dovecot-peer.sh"), "stop", peer_dir])
        stack.stop()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
