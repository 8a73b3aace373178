#!/usr/bin/env bash
# Process-level benchmark for issue 8: throughput of `referat check --format json` on a
# generated corpus and on real minutes (tests/corpus copied to REAL_SIZE_MB, default 200),
# single-threaded and on all cores, peak memory, the ripgrep floor, the least any reading of
# minutes costs (examples/floor.rs) against it, and the scaling of one
# document from 1 KB to 100 MB.
#
#   scripts/bench.sh [SIZE]        # SIZE of the generated corpus, default 500M
#   PGO=1 scripts/bench.sh [SIZE]  # the same for the profile-guided build (scripts/pgo.sh)
#
# Needs: a release build (done here), GNU time (/usr/bin/time), and ripgrep (`cargo install
# ripgrep` or `apt-get install ripgrep`) for the floor figure.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="${1:-500M}"
WORK="${BENCH_DIR:-/tmp/referat-bench}"
CORES="$(nproc)"

# The release-lto profile is the build users install (README): whole-program optimisation.
# PGO=1 measures the profile-guided build of scripts/pgo.sh instead; REFERAT_BIN any binary.
cargo build --release --quiet --example gen_corpus --example floor
if [ -n "${REFERAT_BIN:-}" ]; then
  BIN="$REFERAT_BIN"
elif [ "${PGO:-0}" = 1 ]; then
  scripts/pgo.sh
  BIN=target/pgo/referat
else
  cargo build --profile release-lto --quiet
  BIN=target/release-lto/referat
fi
echo "binary: $BIN"
GEN=target/release/examples/gen_corpus

if [ ! -f "$WORK/corpus-$SIZE.done" ]; then
  rm -rf "$WORK/corpus-$SIZE"
  "$GEN" --seed 1 --size "$SIZE" --out "$WORK/corpus-$SIZE"
  touch "$WORK/corpus-$SIZE.done"
fi
CORPUS="$WORK/corpus-$SIZE"
BYTES=$(du -sb "$CORPUS" | cut -f1)
DOCS=$(find "$CORPUS" -name '*.txt' | wc -l)
LARGEST=$(find "$CORPUS" -name '*.txt' -printf '%s\n' | sort -n | tail -1)
echo "corpus: $DOCS documents, $BYTES bytes, largest file $LARGEST bytes"

time_one() { # file — one run of a check: size, time, throughput and peak memory.
  local b out
  b=$(stat -c %s "$1")
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$BIN" check --format json "$1" > /dev/null 2> /dev/null || true
  out=$(tail -1 "$WORK/time.txt" | tr ' ' ',')
  python3 -c "s,kb=$out; print(f'  {$b:>10} bytes  {s:7.2f} s  {$b/max(s,0.001)/1e6:8.1f} MB/s  peak {kb/1024:7.1f} MB')"
}

measure() { # label, command... — the median of BENCH_RUNS runs (default 3): this machine's
  # speed drifts, and one run can be 10 % off.
  local label="$1"; shift
  local runs=() out
  for _ in $(seq "${BENCH_RUNS:-3}"); do
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@" > /dev/null 2> /dev/null || true
    out=$(tail -1 "$WORK/time.txt")
    runs+=("${out/ /:}")
  done
  python3 - "$label" "$BYTES" "$DOCS" "$WORK/last.secs" "${runs[@]}" <<'PY'
import statistics, sys
label, size, docs, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
runs = [r.split(":") for r in sys.argv[5:]]
secs = [max(float(s), 0.001) for s, _ in runs]
peak_kb = max(int(k) for _, k in runs)
m = statistics.median(secs)
print(f"{label:<34} {m:8.2f} s {size/m/1e6:9.1f} MB/s {docs/m:10.0f} docs/s  peak {peak_kb/1024:8.1f} MB"
      f"  (median of {len(secs)}, {min(secs):.2f}-{max(secs):.2f} s)")
open(last, "w").write(f"{m}\n")
PY
}

# referat and the ripgrep floor on one folder, on one thread and on all cores.
against_ripgrep() { # folder
  local dir="$1" t1 tn r1 rn
  BYTES=$(du -sb "$dir" | cut -f1)
  DOCS=$(find "$dir" -name '*.txt' | wc -l)
  cat "$dir"/*/* > /dev/null  # warm the page cache
  measure "referat check, 1 thread" env RAYON_NUM_THREADS=1 "$BIN" check --format json "$dir" || true
  t1=$(cat "$WORK/last.secs")
  measure "referat check, $CORES threads" env RAYON_NUM_THREADS="$CORES" "$BIN" check --format json "$dir" || true
  tn=$(cat "$WORK/last.secs")
  if command -v rg > /dev/null; then
    measure "rg trigger words, 1 thread" rg -j1 -c 'stemte|Afbud|Fraværende|I alt|Total' "$dir"
    r1=$(cat "$WORK/last.secs")
    measure "rg trigger words, $CORES threads" rg -j"$CORES" -c 'stemte|Afbud|Fraværende|I alt|Total' "$dir"
    rn=$(cat "$WORK/last.secs")
    python3 -c "print(f'ratio referat/ripgrep: 1 thread {$t1/max($r1,0.001):.2f}x, $CORES threads {$tn/max($rn,0.001):.2f}x')"
    # The floor under any reading of minutes (examples/floor.rs): reading, decoding and
    # splitting into lines, one thread, in-process. Against ripgrep's whole run.
    target/release/examples/floor "$dir" | tee "$WORK/floor.txt"
    python3 - "$r1" "$WORK/floor.txt" <<'PY'
import sys
rg = float(sys.argv[1])
steps = {l.split()[0]: float(l.split()[-2]) for l in open(sys.argv[2]) if " sum " in l}
for step, label in [("lines", "read + decode + lines"), ("fold", "... + fold case once")]:
    print(f"floor/ripgrep, 1 thread: {label} {steps[step] / 1000 / max(rg, 0.001):.2f}x")
PY
  else
    echo "(ripgrep not installed: no floor figure)"
  fi
  python3 -c "print(f'scaling 1 -> $CORES threads: {$t1/max($tn,0.001):.2f}x')"
}

echo
against_ripgrep "$CORPUS"

# Real minutes: the documents of tests/corpus, copied until the folder is about REAL_SIZE_MB
# (default 200). Real prose has figures, dates and vote words where the generated filler has
# none, and real minutes have findings to write, so a byte of them costs more.
REAL="$WORK/real"
REAL_SIZE_MB="${REAL_SIZE_MB:-200}"
if [ ! -f "$REAL.done-$REAL_SIZE_MB" ]; then
  rm -rf "$REAL" && mkdir -p "$REAL"
  set_bytes=$(cat tests/corpus/*.txt | wc -c)
  copies=$(( REAL_SIZE_MB * 1000000 / set_bytes + 1 ))
  for i in $(seq -w 1 "$copies"); do mkdir "$REAL/$i" && cp tests/corpus/*.txt "$REAL/$i/"; done
  touch "$REAL.done-$REAL_SIZE_MB"
fi
echo
echo "real minutes (tests/corpus copied): $(find "$REAL" -name '*.txt' | wc -l) documents, $(du -sb "$REAL" | cut -f1) bytes"
against_ripgrep "$REAL"

echo
echo "scaling of one document (time must grow linearly):"
for size in 1K 100K 10M 100M; do
  "$GEN" --seed 2 --single "$size" --out "$WORK/single-$size.txt"
  b=$(stat -c %s "$WORK/single-$size.txt")
  cmd="$BIN check --format json --max-file-size 300000000 $WORK/single-$size.txt"
  # Time: the mean of several runs (hyperfine) where available; /usr/bin/time only counts
  # hundredths of a second. Peak memory from /usr/bin/time.
  secs=""
  if command -v hyperfine > /dev/null; then
    hyperfine -N -i --warmup 1 --runs 3 --export-json "$WORK/hf.json" "$cmd" > /dev/null 2>&1 \
      && secs=$(python3 -c "import json; print(json.load(open('$WORK/hf.json'))['results'][0]['mean'])")
  fi
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" $cmd > /dev/null 2> /dev/null || true
  out=$(tail -1 "$WORK/time.txt")
  secs=${secs:-${out% *}} kb=${out#* }
  python3 -c "s,kb=$secs,$kb; print(f'  {$b:>10} bytes  {s*1000:9.1f} ms  {$b/max(s,1e-6)/1e6:8.1f} MB/s  peak {kb/1024:7.1f} MB ({kb*1024/$b:.1f}x the input)')"
done

echo
echo "pathological: one decision of 1 MB and 4 MB without line breaks, full of vote and amount words"
echo "(findings on every sentence; both must take about the same time per MB):"
for mb in 1 4; do
  python3 - "$mb" "$WORK/decision-${mb}M.txt" <<'PY'
import random, sys
random.seed(int(sys.argv[1]))
words = ["For", "stemte", "Afbud", "I alt", "12.345", "kr.", "Onsdag", "d.", "15.", "april", "2026",
         "og", "A", "(3)", "imod", "Jens Hansen", "deltog", "ikke", "fordelingen er", "undlod"]
out = ["REFERAT Økonomiudvalget d. 15-04-2026", "", "Punkt 1: Test", "", "Beslutning"]
line, size = [], 0
while size < int(sys.argv[1]) * 1_000_000:
    w = random.choice(words); line.append(w); size += len(w) + 1
out.append(" ".join(line))
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
  time_one "$WORK/decision-${mb}M.txt"
done

echo
echo "pathological: one table of 100,000 rows (label and three figures a row, an I alt row):"
python3 - "$WORK/table-100k.txt" <<'PY'
import random, sys
random.seed(1)
out = ["REFERAT Økonomiudvalget d. 15-04-2026", "", "Punkt 1: Budget", "", "Sagsfremstilling",
       "Tabel 1: Anlæg (1.000 kr.)", "Projekt\t2026\t2027\t2028"]
total = [0, 0, 0]
for i in range(100_000):
    row = [random.randint(1, 999) for _ in range(3)]
    total = [t + v for t, v in zip(total, row)]
    out.append(f"P{i}\t" + "\t".join(map(str, row)))
out.append("I alt\t" + "\t".join(f"{t:,}".replace(",", ".") for t in total))
out += ["", "Beslutning", "Godkendt."]
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
b=$(stat -c %s "$WORK/table-100k.txt")
/usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$BIN" check --format json "$WORK/table-100k.txt" > /dev/null 2> /dev/null || true
out=$(tail -1 "$WORK/time.txt" | tr ' ' ',')
python3 -c "s,kb=$out; print(f'  {$b:>10} bytes  {s:7.2f} s  peak {kb/1024:7.1f} MB ({kb*1024/$b:.1f}x the input)')"

echo
echo "segmentation: 10,000 and 100,000 heading-like lines (every style, numbers out of order), linear:"
for n in 10000 100000; do
  python3 - "$n" "$WORK/headings-$n.txt" <<'PY'
import random, sys
n = int(sys.argv[1])
random.seed(n)
shapes = ["Punkt {k}: Sag om {w}", "{k}. {W} og {w}", "{k} {W}", "{k}", "Pkt. {k}", "Nr.{k} - {W}",
          "Sag nr. {k}", "åbent {k} {W}", "{k} (Åben) {W}", "• {k}. {W}", "{k}) {W}", "{k}a. {W}"]
words = ["budget", "lokalplan", "Anlæg", "Skole", "Vej", "Forslag", "Orientering", "Godkendelse"]
out = ["REFERAT Økonomiudvalget d. 15-04-2026", "", "Mødedeltagere Anne Holm (A), Bo Dahl (V)", ""]
for i in range(n):
    k = random.randint(1, 400) if random.random() < 0.5 else i % 400 + 1
    out.append(random.choice(shapes).format(k=k, w=random.choice(words).lower(), W=random.choice(words)))
    if random.random() < 0.3:
        out += ["Beslutning", "Godkendt."]
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
  time_one "$WORK/headings-$n.txt"
done

echo
echo "hostile shapes at 1x, 10x and 100x (time and peak memory must grow linearly; HTML nested"
echo "over 1,000 deep is refused at once, so its rows show the refusal's cost):"
for shape in participants:1000 votes:10000 toc:1000 breaks-html:10000 nested-html:100; do
  name=${shape%%:*} n=${shape#*:}
  echo " $name"
  for k in 1 10 100; do
    ext=txt; [[ $name == *html ]] && ext=html
    python3 "$(dirname "$0")/hostile_shapes.py" "$name" $((n * k)) "$WORK/hostile-$name-$k.$ext"
    time_one "$WORK/hostile-$name-$k.$ext"
  done
done

echo
echo "one typical 50 KB document, end to end as a process:"
"$GEN" --seed 3 --single 50K --out "$WORK/single-50K.txt"
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 5 --runs 50 "$BIN check --format json $WORK/single-50K.txt" 2>/dev/null | grep -E "Time|Range" || true
else
  python3 - "$BIN" "$WORK/single-50K.txt" <<'PY'
import subprocess, sys, time
runs = []
for _ in range(50):
    t = time.perf_counter(); subprocess.run([sys.argv[1], "check", "--format", "json", sys.argv[2]], stdout=subprocess.DEVNULL); runs.append(time.perf_counter() - t)
runs.sort()
print(f"  median {runs[len(runs)//2]*1000:.1f} ms, min {runs[0]*1000:.1f} ms over {len(runs)} runs")
PY
fi
