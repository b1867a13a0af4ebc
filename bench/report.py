#!/usr/bin/env python3
"""The benchmark's result table and plot from the figures bench/run.sh collected.

  report.py FIGURES.tsv META.txt OUT.md [--plot OUT.png]

FIGURES.tsv has one line per figure: workload, figure, unit, kind (throughput: higher is better;
latency and size: lower is better), the platform's value and the peer's ('-' when not measured). META.txt
holds the run's description (date, machine, versions), copied to the top of OUT.md. The table goes
to stdout and into OUT.md; with --plot, gnuplot draws OUT.png beside it.
"""
import argparse
import math
import os
import subprocess
import sys
import tempfile

HEADER = ("| Workload | Figure | Platform | Postfix/Dovecot | Ratio (>1: platform better) |\n"
          "|---|---|---:|---:|---:|")
RATIO_NOTE = ("Ratio: platform/peer for throughput, peer/platform for latency and size, so a ratio "
              "above 1 always means the platform did better.")
# Each kind is a panel of the plot: what the figure measures, and which way is better.
KINDS = {"throughput": "Throughput (higher is better)",
         "latency": "Latency and times (lower is better)",
         "size": "Memory, MiB (lower is better)"}


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def ratio(kind, platform, peer):
    """>1 means the platform is better: higher throughput, or lower latency."""
    a, b = number(platform), number(peer)
    if a is None or b is None or a <= 0 or b <= 0:
        return None
    return a / b if kind == "throughput" else b / a  # latency, size


def shown(value, unit):
    v = number(value)
    if v is None:
        return "-"
    text = f"{v:.0f}" if abs(v) >= 100 else f"{v:.1f}" if abs(v) >= 10 else f"{v:.2f}"
    return f"{text} {unit}"


def read_figures(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 6:
                raise ValueError(f"{path}: expected 6 tab-separated fields: {line!r}")
            workload, figure, unit, kind, platform, peer = fields
            if kind not in KINDS:
                raise ValueError(f"{path}: kind must be one of {', '.join(KINDS)}: {line!r}")
            rows.append({"workload": workload, "figure": figure, "unit": unit, "kind": kind,
                         "platform": platform, "peer": peer})
    return rows


def table(rows):
    lines = [HEADER]
    for row in rows:
        r = ratio(row["kind"], row["platform"], row["peer"])
        lines.append(f"| {row['workload']} | {row['figure']} | {shown(row['platform'], row['unit'])} "
                     f"| {shown(row['peer'], row['unit'])} | {'-' if r is None else f'{r:.2f}'} |")
    return "\n".join(lines)


def plot(rows, png):
    """A panel per kind of figure, platform and peer side by side for every figure."""
    with tempfile.TemporaryDirectory() as tmp:
        panels = []
        for kind, title in KINDS.items():
            data = os.path.join(tmp, kind + ".dat")
            chosen = [r for r in rows if r["kind"] == kind and (number(r["platform"]) or number(r["peer"]))]
            with open(data, "w", encoding="utf-8") as f:
                for r in chosen:
                    label = f"{r['workload']}: {r['figure']} ({r['unit']})".replace('"', "'")
                    f.write(f"\"{label}\" {number(r['platform']) or 0} {number(r['peer']) or 0}\n")
            if chosen:
                values = [v for r in chosen for v in (number(r["platform"]), number(r["peer"])) if v and v > 0]
                low = 10 ** math.floor(math.log10(min(values) / 2))
                panels.append((data, title, len(chosen), low))
        if not panels:
            return False
        height = sum(max(220, 34 * n + 110) for _, _, n, _ in panels)
        script = [f"set terminal pngcairo size 1100,{height} font 'sans,9'", f"set output '{png}'",
                  f"set multiplot layout {len(panels)},1",
                  "set style fill solid 0.85 border -1", "set key outside top center horizontal", "set grid x",
                  "set logscale x", "set ytics nomirror scale 0",
                  # One left margin for both panels, wide enough for the longest label, so the bars line up.
                  f"set lmargin {int(0.8 * max(len(r['workload']) + len(r['figure']) + len(r['unit']) + 6 for r in rows)) + 2}"]
        for data, title, n, low in panels:
            # Horizontal bars from the panel's floor to the value, platform above peer for each figure.
            script += [f"set title '{title}, log scale'", f"set yrange [{n - 0.4}:-0.6]",
                       f"set xrange [{low}:*]",
                       f"plot '{data}' using ($2>0?$2:{low}):($0-0.18):({low}):($2>0?$2:{low}):($0-0.36):($0) "
                       "with boxxyerror lc rgb '#1f77b4' title 'platform', "
                       f"'' using ($3>0?$3:{low}):($0+0.18):({low}):($3>0?$3:{low}):($0):($0+0.36) "
                       "with boxxyerror lc rgb '#ff7f0e' title 'Postfix/Dovecot', "
                       f"'' using ({low}):($0):ytic(1) with dots lc rgb 'white' notitle"]
        script.append("unset multiplot")
        result = subprocess.run(["gnuplot"], input="\n".join(script), text=True, capture_output=True)
        if result.returncode != 0:
            sys.stderr.write(result.stderr)
            return False
        return True


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("figures")
    parser.add_argument("meta")
    parser.add_argument("out")
    parser.add_argument("--plot")
    args = parser.parse_args()
    rows = read_figures(args.figures)
    text = table(rows)
    with open(args.meta, encoding="utf-8") as f:
        meta = f.read().rstrip("\n")
    body = f"{meta}\n\n{RATIO_NOTE}\n\n{text}\n"
    if args.plot and plot(rows, args.plot):
        body += f"\n![throughput, latency and memory per workload]({os.path.basename(args.plot)})\n"
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(body)
    print(RATIO_NOTE)
    print(text)


if __name__ == "__main__":
    main()
