#!/usr/bin/env python3
"""Writes an mbox of varied, well-formed messages for imaptest's APPENDs.

The same seed gives the same file. The mix: short and long plain text, multipart/alternative,
multipart/mixed with base64 attachments, a forwarded message/rfc822, RFC 2047 encoded subjects and
names, quoted-printable bodies, threads (In-Reply-To/References), 8-bit UTF-8 bodies.

    bench-mbox.py OUTPUT [--messages=N] [--seed=S]
"""
import argparse
import base64
import email.utils
import random
import sys
import time
from email.header import Header

WORDS = ("mail server message folder client protocol latency backup quarterly report meeting "
         "invoice schedule draft review release branch merge deploy cluster replica storage index "
         "search filter attachment calendar holiday project budget contract update summary agenda "
         "minutes follow-up question answer thanks regards tomorrow today week month").split()
NAMES = ["Alice Martin", "Bob Dupont", "Chloé Lefèvre", "Dmitri Ivanov", "Eva Nováková",
         "François Bézier", "Grace Hopper", "Hiro Tanaka", "Inès García", "Jürgen Weiß"]
DOMAINS = ["example.test", "example.org", "mail.example.net"]


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def paragraph_lines(rng, lines, width=72):
    out, line = [], ""
    for _ in range(lines * 10):
        w = rng.choice(WORDS)
        if len(line) + len(w) + 1 > width:
            out.append(line)
            line = w
            if len(out) == lines:
                break
        else:
            line = (line + " " + w).strip()
    if line and len(out) < lines:
        out.append(line)
    return out


def address(rng):
    name = rng.choice(NAMES)
    local = name.split()[0].lower().encode("ascii", "ignore").decode() or "user"
    encoded = Header(name, "utf-8").encode() if not name.isascii() else name
    return f"{encoded} <{local}@{rng.choice(DOMAINS)}>"


def rfc5322_date(when):
    return email.utils.formatdate(when).replace("-0000", "+0000")


def headers(rng, i, when, content_type, extra=()):
    subject = words(rng, rng.randint(2, 8)).capitalize()
    if rng.random() < 0.2:
        subject = Header("Réunion " + subject + " – résumé", "utf-8").encode()
    h = [
        f"Return-Path: <sender{i}@{rng.choice(DOMAINS)}>",
        f"Received: from mx{rng.randint(1, 9)}.example.org (mx.example.org [192.0.2.{rng.randint(1, 254)}])\n"
        f"\tby mail.example.test with ESMTPS id {rng.getrandbits(48):012x}; {rfc5322_date(when)}",
        f"Message-ID: <{i}.{rng.getrandbits(32):08x}@example.test>",
        f"Date: {rfc5322_date(when)}",
        f"From: {address(rng)}",
        "To: " + ", ".join(address(rng) for _ in range(rng.randint(1, 3))),
    ]
    if rng.random() < 0.3:
        h.append("Cc: " + address(rng))
    h.append(f"Subject: {subject}")
    if i > 1 and rng.random() < 0.3:
        parent = f"<{rng.randint(1, i - 1)}.thread@example.test>"
        h.append(f"In-Reply-To: {parent}")
        h.append(f"References: {parent}")
    h.append("MIME-Version: 1.0")
    h.extend(extra)
    h.append(f"Content-Type: {content_type}")
    return h


def plain(rng, lines):
    return ["Hello,", ""] + paragraph_lines(rng, lines) + ["", "Regards,", rng.choice(NAMES)]


def quoted_printable_utf8(rng):
    body = [f"Bonjour, voici le résumé: {words(rng, 6)} – à bientôt.".encode("utf-8")]
    out = []
    for raw in body:
        line = "".join(chr(b) if 32 <= b < 127 and b != 61 else f"={b:02X}" for b in raw)
        out.append(line)
    return out


def attachment(rng, size):
    data = bytes(rng.getrandbits(8) for _ in range(size))
    text = base64.b64encode(data).decode()
    return [text[i:i + 76] for i in range(0, len(text), 76)]


def message(rng, i, when):
    kind = rng.choices(["plain", "long", "alternative", "mixed", "forward", "qp", "utf8"],
                       weights=[30, 10, 20, 15, 5, 10, 10])[0]
    b = f"=_bench_{i}_{rng.getrandbits(32):08x}"
    if kind == "plain":
        return headers(rng, i, when, "text/plain; charset=us-ascii") + [""] + plain(rng, rng.randint(2, 15))
    if kind == "long":
        return headers(rng, i, when, "text/plain; charset=us-ascii") + [""] + plain(rng, rng.randint(200, 800))
    if kind == "qp":
        return (headers(rng, i, when, "text/plain; charset=utf-8", ["Content-Transfer-Encoding: quoted-printable"])
                + [""] + quoted_printable_utf8(rng))
    if kind == "utf8":
        return (headers(rng, i, when, "text/plain; charset=utf-8", ["Content-Transfer-Encoding: 8bit"])
                + ["", f"Grüße aus Köln – {words(rng, 5)} ✓", ""] + plain(rng, 5))
    if kind == "alternative":
        text = plain(rng, rng.randint(3, 30))
        return (headers(rng, i, when, f'multipart/alternative; boundary="{b}"') + ["", "This is a multi-part message in MIME format.",
                f"--{b}", "Content-Type: text/plain; charset=us-ascii", ""] + text
                + [f"--{b}", "Content-Type: text/html; charset=us-ascii", "",
                   "<html><body>"] + [f"<p>{line}</p>" for line in text] + ["</body></html>", f"--{b}--", ""])
    if kind == "mixed":
        parts = headers(rng, i, when, f'multipart/mixed; boundary="{b}"') + ["", f"--{b}",
                                                                            "Content-Type: text/plain; charset=us-ascii", ""] + plain(rng, 6)
        for n in range(rng.randint(1, 2)):
            name = f"{rng.choice(WORDS)}-{n}.{rng.choice(['pdf', 'png', 'zip'])}"
            parts += [f"--{b}", f'Content-Type: application/octet-stream; name="{name}"',
                      "Content-Transfer-Encoding: base64", f'Content-Disposition: attachment; filename="{name}"', ""]
            parts += attachment(rng, rng.randint(512, 48 * 1024))
        return parts + [f"--{b}--", ""]
    inner = headers(rng, i + 100000, when - 86400, "text/plain; charset=us-ascii") + [""] + plain(rng, 8)
    return (headers(rng, i, when, f'multipart/mixed; boundary="{b}"') + ["", f"--{b}",
            "Content-Type: text/plain; charset=us-ascii", "", "Forwarded message below.", "",
            f"--{b}", "Content-Type: message/rfc822", ""] + inner + [f"--{b}--", ""])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    when = 1_780_000_000
    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        for i in range(1, args.messages + 1):
            when += rng.randint(60, 7200)
            out.write(f"From sender{i}@example.test {time.asctime(time.gmtime(when))}\n")
            for line in message(rng, i, when):
                # mbox "From " quoting (mboxrd): a body line starting with From gets a '>'.
                out.write((">" + line if line.startswith("From ") else line) + "\n")
            out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
