#!/usr/bin/env bash
# Profile-guided build of referat (PGO), as rustc, Chrome and CPython ship theirs: build an
# instrumented binary, let it check training minutes, and rebuild the release-lto binary with
# the recorded profile, so the compiler lays out and inlines the paths real minutes take.
#
#   scripts/pgo.sh                 # writes target/pgo/referat
#
# The training minutes are a generated corpus with another seed than the benchmark's (seed 7,
# 40 MB) and the real minutes bundled in tests/corpus: the benchmark never measures what the
# profile was trained on.
#
# Needs llvm-profdata from the Rust toolchain's own LLVM: `rustup component add llvm-tools`.
# Both builds use their own target directories (the flags differ), so the first run compiles
# everything twice with whole-program optimisation: about 15 minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="$(rustc -vV | sed -n 's/^host: //p')"
PROFDATA="${LLVM_PROFDATA:-$(rustc --print sysroot)/lib/rustlib/$HOST/bin/llvm-profdata}"
if [ ! -x "$PROFDATA" ]; then
  echo "llvm-profdata not found at $PROFDATA: run 'rustup component add llvm-tools'" >&2
  exit 2
fi
WORK="$PWD/target/pgo"
mkdir -p "$WORK"

cargo build --release --quiet --example gen_corpus
if [ ! -f "$WORK/train.done" ]; then
  rm -rf "$WORK/train"
  target/release/examples/gen_corpus --seed 7 --size 40M --out "$WORK/train"
  touch "$WORK/train.done"
fi

echo "1/3 instrumented build"
RUSTFLAGS="-Cprofile-generate=$WORK/profiles" \
  cargo build --profile release-lto --quiet --target-dir "$WORK/instrumented" --bin referat
rm -rf "$WORK/profiles"
echo "2/3 training run"
# Findings make the exit status 1; the profile is written all the same.
"$WORK/instrumented/release-lto/referat" check --format json "$WORK/train" tests/corpus \
  > /dev/null || true
"$PROFDATA" merge -o "$WORK/merged.profdata" "$WORK/profiles"
echo "3/3 optimised build"
RUSTFLAGS="-Cprofile-use=$WORK/merged.profdata" \
  cargo build --profile release-lto --quiet --target-dir "$WORK/build" --bin referat
cp "$WORK/build/release-lto/referat" "$WORK/referat"
echo "wrote target/pgo/referat"
