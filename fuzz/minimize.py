#!/usr/bin/env python3
"""Rebuilds the committed corpus of one target from what the fuzzer found.

    cargo +nightly fuzz build -O -a -s none
    python3 fuzz/minimize.py TARGET [DIR ...] [--limit 300] [--max-len N]

Merges `corpus/TARGET` and the DIRs (default `corpus-work/TARGET`) with
libFuzzer's `-merge=1 -use_counters=0` (features = coverage edges, not hit
counts), then keeps the `seed-*` files and, greedily, the inputs that bring
the most edges, up to LIMIT files in all. `cargo fuzz cmin` keeps every input
that adds an edge in size order, several hundred more for the same edges;
this keeps the committed corpus small at the cost of a few percent of them,
and prints how many.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def merge(binary, dirs, max_len, control):
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [binary, "-merge=1", "-use_counters=0", f"-max_len={max_len}",
             f"-merge_control_file={control}", out, *dirs],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def features(control):
    """Per input, the features it was the first to reach (in merge order)."""
    lines = open(control).read().split("\n")
    count = int(lines[0])
    files = lines[2:2 + count]
    found = {}
    for line in lines[2 + count:]:
        parts = line.split()
        if parts and parts[0] == "FT":
            found[files[int(parts[1])]] = set(map(int, parts[2:]))
    return found


def edges(binary, directory, max_len):
    with tempfile.TemporaryDirectory() as tmp:
        control = os.path.join(tmp, "control")
        merge(binary, [directory], max_len, control)
        return len(set().union(*features(control).values()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("target")
    parser.add_argument("dirs", nargs="*")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--max-len", type=int, default=None)
    args = parser.parse_args()
    t = args.target
    max_len = args.max_len or (65538 if t == "return_verification" else 8192)
    binary = os.path.join(HERE, "target", "x86_64-unknown-linux-gnu", "release", t)
    corpus = os.path.join(HERE, "corpus", t)
    dirs = args.dirs or [os.path.join(HERE, "corpus-work", t)]
    with tempfile.TemporaryDirectory() as tmp:
        control = os.path.join(tmp, "control")
        merge(binary, [corpus, *dirs], max_len, control)
        found = features(control)
    universe = set().union(*found.values())
    seeds = {f: open(os.path.join(corpus, f), "rb").read()
             for f in os.listdir(corpus) if f.startswith("seed-")}
    covered = set().union(*(v for k, v in found.items()
                            if os.path.basename(k).startswith("seed-")))
    chosen = []
    while len(chosen) + len(seeds) < args.limit:
        best = max(found, key=lambda f: (len(found[f] - covered), -os.path.getsize(f)))
        if not found[best] - covered:
            break
        covered |= found[best]
        chosen.append(open(best, "rb").read())
    new = os.path.join(HERE, "corpus-min", t)
    shutil.rmtree(new, ignore_errors=True)
    os.makedirs(new)
    for name, data in seeds.items():
        open(os.path.join(new, name), "wb").write(data)
    seed_hashes = {hashlib.sha1(d).hexdigest() for d in seeds.values()}
    for data in chosen:
        h = hashlib.sha1(data).hexdigest()
        if h not in seed_hashes:
            open(os.path.join(new, h), "wb").write(data)
    kept = edges(binary, new, max_len)
    shutil.rmtree(corpus)
    shutil.move(new, corpus)
    files = os.listdir(corpus)
    size = sum(os.path.getsize(os.path.join(corpus, f)) for f in files)
    print(f"{t}: {len(files)} files, {size} bytes, {kept} of {len(universe)} edges "
          f"({100 * kept / len(universe):.1f}%)")


if __name__ == "__main__":
    sys.exit(main())
