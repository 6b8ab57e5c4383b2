#!/usr/bin/env python3
"""Runs a criterion bench several times and prints, per benchmark, the
fastest of its medians (on a shared machine the slowest runs say more about
the neighbours than about the code), then the ratios the README reports.

    benches/ratios.py [ROUNDS] [BENCH] [-- CARGO ARGS…]

ROUNDS defaults to 5, BENCH to `request`. Reads criterion's
target/criterion/<group>/<function>/new/estimates.json after each round.
"""
import json
import os
import subprocess
import sys
import time

args = sys.argv[1:]
extra = []
if "--" in args:
    extra = args[args.index("--") + 1:]
    args = args[:args.index("--")]
rounds = int(args[0]) if args else 5
bench = args[1] if len(args) > 1 else "request"

target = os.environ.get("CARGO_TARGET_DIR", "target")
root = os.path.join(target, "criterion")
started = time.time()
best = {}
for i in range(rounds):
    print(f"round {i + 1}/{rounds}: cargo bench --bench {bench} {' '.join(extra)}", file=sys.stderr)
    subprocess.run(["cargo", "bench", "--bench", bench, *extra, "--", "--noplot"],
                   check=True, stdout=subprocess.DEVNULL)
    for dirpath, _, files in os.walk(root):
        path = os.path.join(dirpath, "estimates.json")
        # Only this run's benchmarks, not what other benches left there.
        if ("estimates.json" in files and dirpath.endswith(os.sep + "new")
                and os.path.getmtime(path) >= started):
            bench_id = os.path.relpath(os.path.dirname(dirpath), root)
            with open(path) as f:
                median = json.load(f)["median"]["point_estimate"]
            best[bench_id] = min(best.get(bench_id, float("inf")), median)


def fmt(ns):
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


groups = {}
for bench_id, ns in sorted(best.items()):
    group, _, function = bench_id.rpartition(os.sep)
    groups.setdefault(group, {})[function] = ns

print("| group | function | fastest median |")
print("|---|---|---:|")
for group, functions in groups.items():
    for function, ns in functions.items():
        print(f"| `{group}` | `{function}` | {fmt(ns)} |")

RATIOS = [
    ("signing_string", "generic_sort_and_join", "generated", "generic ÷ generated"),
    ("signing_string", "generated", "copy_floor", "generated ÷ copy floor"),
    ("page_url", "page_url", "bare_md5_floor", "page_url ÷ bare MD5"),
    ("page_url", "sign_request_then_url", "page_url", "sign_request+url ÷ page_url"),
]
print()
print("| group | ratio | value |")
print("|---|---|---:|")
for group, functions in groups.items():
    for prefix, a, b, label in RATIOS:
        if group.startswith(prefix) and a in functions and b in functions:
            print(f"| `{group}` | {label} | {functions[a] / functions[b]:.2f}× |")
