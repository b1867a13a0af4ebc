#!/usr/bin/env python3
"""Load generators and probes of the benchmark harness (bench/run.sh), one subcommand each.

Every subcommand prints one JSON object on stdout with its figures, including the CPU time this
process used (cpu_s) and its share of one core (cpu_util): a generator near 1.0 may be the
bottleneck rather than the server it measures.

  submit     SMTP submission: STARTTLS, AUTH PLAIN once per session, then messages on it
  send       plain SMTP (port 25) of COUNT messages, each to RCPTS recipients (to fill mailboxes)
  wait       waits until mailboxes hold EXPECT messages in all (IMAP STATUS or maildir files)
  pop3       POP3 clients: USER/PASS, STAT, RETR of every message, QUIT; rates and latencies
  imap       IMAP clients: SELECT, FETCH, STORE flags, SEARCH in a loop; rates and latencies
  idle       IMAP IDLE push latency: submits a probe message, times the untagged EXISTS
"""
import argparse
import imaplib
import json
import os
import poplib
import random
import re
import smtplib
import socket
import ssl
import threading
import time


def tls_context():
    # The platform's local stack and the peers use self-signed certificates on loopback.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(fraction * (len(ordered) - 1)))))
    return ordered[index]


def ms(seconds):
    return None if seconds is None else round(seconds * 1000, 2)


def message(size, sender, recipient, seq):
    header = (f"From: <{sender}>\r\nTo: <{recipient}>\r\nSubject: benchmark message {seq}\r\n"
              f"Message-ID: <bench.{seq}.{os.getpid()}.{time.time_ns()}@{sender.split('@')[-1]}>\r\n"
              f"Date: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\r\n\r\n")
    line = ("The quick brown fox jumps over the lazy dog 0123456789 " * 2)[:76] + "\r\n"
    body_size = max(0, size - len(header))
    body = (line * (body_size // len(line) + 1))[:body_size]
    return (header + body).encode("ascii")


def report(figures, started_cpu, started_wall):
    cpu = time.process_time() - started_cpu
    wall = time.monotonic() - started_wall
    figures["cpu_s"] = round(cpu, 2)
    figures["cpu_util"] = round(cpu / wall, 2) if wall > 0 else None
    print(json.dumps(figures), flush=True)


def run_threads(count, target):
    threads = [threading.Thread(target=target, args=(i,), daemon=True) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def cmd_submit(args):
    per_session = [args.messages // args.sessions + (1 if i < args.messages % args.sessions else 0)
                   for i in range(args.sessions)]
    body = message(args.size, args.user, args.to, 0)
    errors = []
    sent = [0] * args.sessions
    last_ok = [0.0]
    lock = threading.Lock()

    def session(i):
        try:
            with smtplib.SMTP(args.host, args.port, timeout=60) as smtp:
                smtp.ehlo("bench-client.test")
                smtp.starttls(context=tls_context())
                smtp.ehlo("bench-client.test")
                smtp.login(args.user, args.password)
                for _ in range(per_session[i]):
                    smtp.sendmail(args.user, [args.to], body)
                    sent[i] += 1
                    now = time.monotonic()
                    with lock:
                        last_ok[0] = max(last_ok[0], now)
        except Exception as e:  # noqa: BLE001 - every failure is counted and reported
            with lock:
                errors.append(f"{type(e).__name__}: {e}")

    cpu0, wall0 = time.process_time(), time.monotonic()
    run_threads(args.sessions, session)
    total = sum(sent)
    elapsed = (last_ok[0] - wall0) if total else None
    report({"messages": total, "errors": len(errors), "first_error": errors[0] if errors else None,
            "seconds": round(elapsed, 3) if elapsed else None,
            "rate": round(total / elapsed, 2) if elapsed else None}, cpu0, wall0)


def cmd_send(args):
    recipients = [line.strip() for line in open(args.recipients) if line.strip()]
    errors = []
    lock = threading.Lock()
    batches = [recipients[i:i + args.rcpts] for i in range(0, len(recipients), args.rcpts)]
    jobs = [(seq, batch) for seq in range(args.count) for batch in batches]
    cursor = [0]

    def worker(_):
        try:
            with smtplib.SMTP(args.host, args.port, timeout=60) as smtp:
                smtp.ehlo("bench-client.test")
                while True:
                    with lock:
                        if cursor[0] >= len(jobs):
                            return
                        seq, batch = jobs[cursor[0]]
                        cursor[0] += 1
                    smtp.sendmail(args.sender, batch, message(args.size, args.sender, batch[0], seq))
        except Exception as e:  # noqa: BLE001
            with lock:
                errors.append(f"{type(e).__name__}: {e}")

    cpu0, wall0 = time.process_time(), time.monotonic()
    run_threads(args.sessions, worker)
    report({"transactions": len(jobs), "errors": len(errors), "first_error": errors[0] if errors else None},
           cpu0, wall0)


class ImapCounter:
    """One logged-in connection per mailbox, asked STATUS (RFC 9051 6.3.11) on every poll."""

    def __init__(self, host, port, password, starttls):
        self.host, self.port, self.password, self.starttls = host, port, password, starttls
        self.clients = {}

    def count(self, user):
        client = self.clients.get(user)
        if client is None:
            client = imaplib.IMAP4(self.host, self.port, timeout=30)
            if self.starttls:
                client.starttls(ssl_context=tls_context())
            client.login(user, self.password)
            self.clients[user] = client
        typ, data = client.status("INBOX", "(MESSAGES)")
        return int(re.search(rb"MESSAGES (\d+)", data[0]).group(1))


def mailbox_count_maildir(root, user):
    total = 0
    for folder in ("new", "cur"):
        try:
            total += len(os.listdir(os.path.join(root, user, folder)))
        except FileNotFoundError:
            pass
    return total


def cmd_wait(args):
    users = args.users.split(",")
    deadline = time.monotonic() + args.timeout
    cpu0, wall0 = time.process_time(), time.monotonic()
    count = 0
    counter = None if args.maildir else ImapCounter(args.host, args.port, args.password, args.starttls)
    while True:
        if args.maildir:
            count = sum(mailbox_count_maildir(args.maildir, u) for u in users)
        else:
            count = sum(counter.count(u) for u in users)
        if count >= args.expect or time.monotonic() > deadline:
            break
        time.sleep(args.interval)
    report({"count": count, "complete": count >= args.expect, "done_at": time.time()}, cpu0, wall0)


def cmd_pop3(args):
    users = args.users.split(",")
    stop_at = time.monotonic() + args.duration
    lock = threading.Lock()
    pass_lat, retr_lat, errors = [], [], []
    retrieved = [0]
    octets = [0]

    def client(i):
        # Each client has accounts of its own: a server may lock a maildrop for one session (RFC 1939 8).
        own = users[i::args.clients] or [users[i % len(users)]]
        turn = 0
        while time.monotonic() < stop_at:
            user = own[turn % len(own)]
            turn += 1
            local_pass, local_retr, local_octets = [], [], 0
            try:
                pop = poplib.POP3(args.host, args.port, timeout=60)
                pop.user(user)
                t0 = time.monotonic()
                pop.pass_(args.password)
                local_pass.append(time.monotonic() - t0)
                count, _ = pop.stat()
                for n in range(1, count + 1):
                    if time.monotonic() >= stop_at:
                        break
                    t0 = time.monotonic()
                    _, lines, size = pop.retr(n)
                    local_retr.append(time.monotonic() - t0)
                    local_octets += size
                pop.quit()
            except Exception as e:  # noqa: BLE001
                with lock:
                    errors.append(f"{type(e).__name__}: {e}")
            with lock:
                pass_lat.extend(local_pass)
                retr_lat.extend(local_retr)
                retrieved[0] += len(local_retr)
                octets[0] += local_octets

    cpu0, wall0 = time.process_time(), time.monotonic()
    run_threads(args.clients, client)
    elapsed = time.monotonic() - wall0
    report({"retr": retrieved[0], "logins": len(pass_lat), "seconds": round(elapsed, 2),
            "retr_per_s": round(retrieved[0] / elapsed, 2), "mib_per_s": round(octets[0] / elapsed / 2**20, 2),
            "pass_p50_ms": ms(percentile(pass_lat, 0.5)), "pass_p99_ms": ms(percentile(pass_lat, 0.99)),
            "retr_p50_ms": ms(percentile(retr_lat, 0.5)), "retr_p99_ms": ms(percentile(retr_lat, 0.99)),
            "errors": len(errors), "first_error": errors[0] if errors else None}, cpu0, wall0)


def cmd_imap(args):
    users = args.users.split(",")
    stop_at = time.monotonic() + args.duration
    lock = threading.Lock()
    latencies = {"SELECT": [], "FETCH": [], "STORE": [], "SEARCH": []}
    errors = []

    def timed(name, bucket, call):
        t0 = time.monotonic()
        typ, data = call()
        bucket.setdefault(name, []).append(time.monotonic() - t0)
        if typ != "OK":
            raise imaplib.IMAP4.error(f"{name}: {typ} {data}")
        return data

    def client(i):
        rnd = random.Random(i)
        user = users[i % len(users)]
        local = {}
        try:
            imap = imaplib.IMAP4(args.host, args.port, timeout=60)
            imap.login(user, args.password)
            while time.monotonic() < stop_at:
                data = timed("SELECT", local, lambda: imap.select("INBOX"))
                exists = int(data[0])
                if exists == 0:
                    raise imaplib.IMAP4.error("INBOX is empty")
                for _ in range(args.ops_per_select):
                    n = rnd.randint(1, exists)
                    choice = rnd.random()
                    if choice < 0.5:
                        what = "(BODY.PEEK[])" if rnd.random() < 0.5 else "(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)"
                        timed("FETCH", local, lambda: imap.fetch(str(n) if "BODY" in what else f"1:{exists}", what))
                    elif choice < 0.8:
                        flag = "+FLAGS.SILENT" if rnd.random() < 0.5 else "-FLAGS.SILENT"
                        timed("STORE", local, lambda: imap.store(str(n), flag, "(\\Seen \\Flagged)"))
                    else:
                        timed("SEARCH", local, lambda: imap.search(None, "UNSEEN" if rnd.random() < 0.5 else "FLAGGED"))
            imap.logout()
        except Exception as e:  # noqa: BLE001
            with lock:
                errors.append(f"{type(e).__name__}: {e}")
        with lock:
            for name, values in local.items():
                latencies[name].extend(values)

    cpu0, wall0 = time.process_time(), time.monotonic()
    run_threads(args.clients, client)
    elapsed = time.monotonic() - wall0
    every = [v for values in latencies.values() for v in values]
    figures = {"commands": len(every), "seconds": round(elapsed, 2), "commands_per_s": round(len(every) / elapsed, 2),
               "p50_ms": ms(percentile(every, 0.5)), "p99_ms": ms(percentile(every, 0.99)),
               "errors": len(errors), "first_error": errors[0] if errors else None}
    for name, values in latencies.items():
        figures[f"{name.lower()}_count"] = len(values)
        figures[f"{name.lower()}_p50_ms"] = ms(percentile(values, 0.5))
    report(figures, cpu0, wall0)


def cmd_idle(args):
    """Submits one probe at a time and waits for the IDLE session's EXISTS (RFC 2177)."""
    sock = socket.create_connection((args.imap_host, args.imap_port), timeout=30)
    reader = sock.makefile("rb")

    def send(line):
        sock.sendall(line.encode("ascii") + b"\r\n")

    def until_tagged(tag):
        while True:
            line = reader.readline()
            if not line:
                raise ConnectionError("IMAP connection closed")
            if line.startswith(tag.encode() + b" "):
                if not line.startswith(tag.encode() + b" OK"):
                    raise ConnectionError(line.decode(errors="replace").strip())
                return

    reader.readline()  # greeting
    send(f'a LOGIN "{args.user}" "{args.password}"')
    until_tagged("a")
    send("b SELECT INBOX")
    until_tagged("b")
    send("c IDLE")
    line = reader.readline()
    if not line.startswith(b"+"):
        raise ConnectionError(f"IDLE refused: {line!r}")

    smtp = smtplib.SMTP(args.smtp_host, args.smtp_port, timeout=60)
    smtp.ehlo("bench-client.test")
    if args.submit_user:
        smtp.starttls(context=tls_context())
        smtp.ehlo("bench-client.test")
        smtp.login(args.submit_user, args.password)
    sender = args.submit_user or "probe@bench-client.test"
    latencies, missed = [], 0
    stop_at = time.monotonic() + args.duration
    cpu0, wall0 = time.process_time(), time.monotonic()
    seq = 0
    sock.settimeout(args.timeout)
    while time.monotonic() < stop_at or (args.stop_file and not os.path.exists(args.stop_file) and seq < args.max_probes):
        if args.stop_file and os.path.exists(args.stop_file):
            break
        seq += 1
        smtp.sendmail(sender, [args.user], message(1024, sender, args.user, seq))
        t0 = time.monotonic()
        try:
            while True:
                line = reader.readline()
                if not line:
                    raise ConnectionError("IMAP connection closed")
                if re.match(rb"\* \d+ EXISTS", line):
                    latencies.append(time.monotonic() - t0)
                    break
        except TimeoutError:
            # A socket file cannot be read again after a timeout: this probe and the run end here.
            missed += 1
            break
        time.sleep(args.interval)
    smtp.quit()
    send("DONE")
    report({"probes": seq, "received": len(latencies), "missed": missed,
            "p50_ms": ms(percentile(latencies, 0.5)), "p99_ms": ms(percentile(latencies, 0.99)),
            "max_ms": ms(max(latencies) if latencies else None)}, cpu0, wall0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("submit")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--to", required=True)
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--messages", type=int, default=1000)
    p.add_argument("--size", type=int, default=10240)
    p.set_defaults(run=cmd_submit)

    p = sub.add_parser("send")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--sender", default="filler@bench-client.test")
    p.add_argument("--recipients", required=True, help="file with one address a line")
    p.add_argument("--rcpts", type=int, default=50, help="recipients per transaction")
    p.add_argument("--count", type=int, required=True, help="messages each recipient gets")
    p.add_argument("--size", type=int, default=10240)
    p.add_argument("--sessions", type=int, default=4)
    p.set_defaults(run=cmd_send)

    p = sub.add_parser("wait")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int)
    p.add_argument("--starttls", action="store_true")
    p.add_argument("--maildir", help="count files in MAILDIR/<user>/{new,cur} instead of asking IMAP")
    p.add_argument("--users", required=True, help="comma-separated")
    p.add_argument("--password", default="")
    p.add_argument("--expect", type=int, required=True)
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--interval", type=float, default=0.1)
    p.set_defaults(run=cmd_wait)

    p = sub.add_parser("pop3")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--users", required=True, help="comma-separated")
    p.add_argument("--password", required=True)
    p.add_argument("--clients", type=int, default=10)
    p.add_argument("--duration", type=float, default=30)
    p.set_defaults(run=cmd_pop3)

    p = sub.add_parser("imap")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--users", required=True, help="comma-separated")
    p.add_argument("--password", required=True)
    p.add_argument("--clients", type=int, default=10)
    p.add_argument("--duration", type=float, default=30)
    p.add_argument("--ops-per-select", type=int, default=10)
    p.set_defaults(run=cmd_imap)

    p = sub.add_parser("idle")
    p.add_argument("--imap-host", default="127.0.0.1")
    p.add_argument("--imap-port", type=int, required=True)
    p.add_argument("--smtp-host", default="127.0.0.1")
    p.add_argument("--smtp-port", type=int, required=True)
    p.add_argument("--submit-user", help="submit with STARTTLS and AUTH as this account (else plain port 25)")
    p.add_argument("--user", required=True, help="the IDLE account, the probes' recipient")
    p.add_argument("--password", required=True)
    p.add_argument("--duration", type=float, default=10, help="at least this long")
    p.add_argument("--stop-file", help="after --duration, go on until this file exists")
    p.add_argument("--max-probes", type=int, default=10000)
    p.add_argument("--interval", type=float, default=0.25)
    p.add_argument("--timeout", type=float, default=600, help="a probe not pushed within this is missed, and probing ends")
    p.set_defaults(run=cmd_idle)

    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
