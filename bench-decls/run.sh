#!/usr/bin/env bash
# Declarations at scale (issue #6, target 3): build time of 100 synthetic
# interfaces declared with #[alipay_service] (macro_decls) against the same
# code written out (expanded_decls).
#
#   bench-decls/run.sh            # generate, pre-build dependencies, measure (N=3)
#   N=5 bench-decls/run.sh        # more runs
#   PROFILES="dev" bench-decls/run.sh
#   GENERATE=0 bench-decls/run.sh # reuse the generated crates
#   EXPAND=0 bench-decls/run.sh   # skip the criterion bench of the expansion
#
# Each measured run is a clean build of the crate's own code only: the
# dependencies (alipay-mapi, its proc macro, serde, …) are built beforehand
# into the shared CARGO_TARGET_DIR bench-decls/target and stay fresh;
# `cargo clean -p <crate>` before each run removes the crate's artifacts and
# its incremental cache. Profiles: `dev` (cargo build), `release` (cargo
# build --release) and `check` (cargo check, what an editor runs). Uses
# hyperfine (one run per call, the two crates interleaved so that noise
# falls on both) when installed, else /usr/bin/time; prints the medians of
# wall and of CPU time (user + system).
#
# Then the macro's own expansion time per declaration: the criterion bench
# codegen/benches/expand.rs, optimized and — as the compiler runs proc macros
# by default — unoptimized (`--profile dev`); prints criterion's medians.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
crates="$here/target-crates"
export CARGO_TARGET_DIR="$here/target"
N="${N:-3}"
PROFILES="${PROFILES:-dev release check}"
results="$CARGO_TARGET_DIR/results"

if [ "${GENERATE:-1}" != 0 ]; then
    python3 "$here/generate.py"
fi
mkdir -p "$results"

cargo_args() { # profile -> the cargo command line of a build
    case "$1" in
        dev) echo "build" ;;
        release) echo "build --release" ;;
        check) echo "check" ;;
        *) echo "unknown profile $1" >&2; exit 2 ;;
    esac
}
profile_dir() { if [ "$1" = release ]; then echo release; else echo debug; fi; }

echo "== pre-building dependencies (and checking both crates build warning-free)"
for profile in $PROFILES; do
    for crate in macro_decls expanded_decls; do
        log="$results/prebuild-$crate-$profile.log"
        # shellcheck disable=SC2046
        cargo $(cargo_args "$profile") --manifest-path "$crates/$crate/Cargo.toml" 2>"$log" || {
            cat "$log"; exit 1; }
        if grep -q "\`$crate\` (lib) generated" "$log"; then
            echo "warnings building $crate ($profile):"; cat "$log"; exit 1
        fi
    done
done

median() { # seconds... -> median
    printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

declare -A wall_of cpu_of
for profile in $PROFILES; do
    args="$(cargo_args "$profile")"
    stamp="$results/stamp-$profile"
    touch "$stamp"
    sleep 1 # mtime granularity: anything built from now on is newer
    echo "== $profile: $N clean builds of each crate's own code, interleaved"
    declare -A walls=() cpus=()
    for run in $(seq "$N"); do
        for crate in macro_decls expanded_decls; do
            manifest="$crates/$crate/Cargo.toml"
            clean="cargo clean -q -p $crate --manifest-path $manifest"
            if [ "$profile" = release ]; then clean="$clean --release"; fi
            build="cargo $args -q --manifest-path $manifest"
            json="$results/$crate-$profile-$run.json"
            if command -v hyperfine >/dev/null; then
                hyperfine --style none --runs 1 --prepare "$clean" --export-json "$json" "$build"
            else
                $clean
                /usr/bin/time -f '%e %U %S' -o "$json.time" $build
                read -r e u s <"$json.time"
                echo "{\"results\": [{\"times\": [$e], \"user\": $u, \"system\": $s}]}" >"$json"
            fi
            read -r wall cpu < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["times"][0], r["user"] + r["system"])' "$json")
            walls[$crate]="${walls[$crate]:-} $wall"
            cpus[$crate]="${cpus[$crate]:-} $cpu"
            printf '  %-15s run %d: %6.2f s wall, %6.2f s cpu\n' "$crate" "$run" "$wall" "$cpu"
        done
    done
    for crate in macro_decls expanded_decls; do
        # shellcheck disable=SC2086
        wall_of["$crate-$profile"]="$(median ${walls[$crate]})"
        # shellcheck disable=SC2086
        cpu_of["$crate-$profile"]="$(median ${cpus[$crate]})"
    done
    # A dependency rebuilt during the runs (the tree edited meanwhile) would
    # be counted in the times: refuse the figures.
    rebuilt="$(find "$CARGO_TARGET_DIR/$(profile_dir "$profile")/deps" -type f -newer "$stamp" \
        ! -name '*macro_decls*' ! -name '*expanded_decls*' | head -3)"
    if [ -n "$rebuilt" ]; then
        echo "dependencies were rebuilt during the $profile runs (sources changed?); rerun:" >&2
        echo "$rebuilt" >&2
        exit 1
    fi
done

count() { wc -l < "$1" | tr -d ' '; }
interfaces="$(grep -c '^#\[alipay_mapi::alipay_service' "$crates/macro_decls/src/lib.rs")"
macro_lines="$(count "$crates/macro_decls/src/lib.rs")"
doc_lines="$(cat "$crates"/macro_decls/docs/*.md | wc -l | tr -d ' ')"
expanded_lines="$(count "$crates/expanded_decls/src/lib.rs")"

echo
echo "$interfaces interfaces; macro_decls: $macro_lines lines of Rust + $doc_lines lines of documents;" \
    "expanded_decls: $expanded_lines lines of Rust (prettyplease-formatted expansion)"
echo "median of $N clean builds of the crate alone (dependencies prebuilt), seconds;"
echo "cpu = user + system time of cargo and rustc, steadier than wall time on a busy machine:"
echo
printf '| %-8s | %-19s | %-19s | %-15s | %-27s |\n' profile "macro wall / cpu" "expanded wall / cpu" \
    "ratio wall / cpu" "macro − expanded, per decl."
printf '|----------|---------------------|---------------------|-----------------|-----------------------------|\n'
for profile in $PROFILES; do
    awk -v p="$profile" -v n="$interfaces" \
        -v mw="${wall_of[macro_decls-$profile]}" -v ew="${wall_of[expanded_decls-$profile]}" \
        -v mc="${cpu_of[macro_decls-$profile]}" -v ec="${cpu_of[expanded_decls-$profile]}" 'BEGIN {
        printf "| %-8s | %6.2f s / %6.2f s | %6.2f s / %6.2f s | %5.2f× / %5.2f× | %+6.1f ms / %+6.1f ms     |\n",
            p, mw, mc, ew, ec, mw / ew, mc / ec, (mw - ew) * 1000 / n, (mc - ec) * 1000 / n }'
done

if [ "${EXPAND:-1}" != 0 ]; then
    echo
    echo "== expansion per declaration (criterion, codegen/benches/expand.rs)"
    declare -A expand_median
    for bench_profile in release dev; do
        cargo bench -q --manifest-path "$here/../Cargo.toml" -p alipay-mapi-codegen --bench expand \
            --profile "$( [ $bench_profile = release ] && echo bench || echo dev )" >"$results/criterion-$bench_profile.log" 2>&1 || {
            cat "$results/criterion-$bench_profile.log"; exit 1; }
        for doc in sns.cae.sign.customer synthetic_20; do
            for step in parse parse_check expand; do
                expand_median["$bench_profile-$doc-$step"]="$(python3 -c '
import json, sys
print("%.3f" % (json.load(open(sys.argv[1]))["median"]["point_estimate"] / 1e6))' \
                    "$CARGO_TARGET_DIR/criterion/expand_$doc/$step/new/estimates.json")"
            done
        done
    done
    echo "criterion medians, ms per declaration (optimized | unoptimized, as rustc runs the macro):"
    echo
    printf '| %-22s | %-19s | %-19s | %-19s |\n' document parse "parse + check" "whole expansion"
    printf '|------------------------|---------------------|---------------------|---------------------|\n'
    for doc in sns.cae.sign.customer synthetic_20; do
        row=()
        for step in parse parse_check expand; do
            row+=("${expand_median[release-$doc-$step]} | ${expand_median[dev-$doc-$step]}")
        done
        printf '| %-22s | %-19s | %-19s | %-19s |\n' "$doc" "${row[@]}"
    done
fi
