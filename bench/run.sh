#!/usr/bin/env bash
# Measures kengetal end to end; prints the tables of BENCHMARKS.md.
#
#   bench/run.sh            # from the repository root
#
# Text: a synthetic corpus of $DOCS documents made from the corpus texts
# (bench/make_corpus.py: numbers and years varied, no two files equal), read by
# `kengetal extract --jobs 1` and `--jobs 2`, against `cat` over the same files
# (the floor: reading the bytes). Memory: peak RSS for 100 and $SCALE_DOCS
# documents. PDF: the four corpus PDFs and a 305-page report made from them
# with qpdf, against poppler's `pdftotext` (with and without -layout) over the
# same files. Every figure is the best of $RUNS runs, on a warm page cache.
#
# Peak RSS is GNU time's %M: the largest resident set of the command or of
# any process it waited for (kengetal's workers count).
#
# Needs: cargo, python3, GNU time, qpdf, pdftotext (Debian: time qpdf
# poppler-utils).
set -euo pipefail

DOCS=${DOCS:-2000}
SCALE_DOCS=${SCALE_DOCS:-10000}
RUNS=${RUNS:-5}
cd "$(dirname "$0")/.."
cargo build --release --quiet
KENGETAL=$PWD/target/release/kengetal
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# best_of RUNS COMMAND...: "<best seconds> <peak KiB of that run>"
best_of() {
    local runs=$1
    shift
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > /dev/null
        tail -1 "$WORK/time"
    done | sort -n | head -1
}

bytes_of() { du -cb "$@" | tail -1 | cut -f1; }

echo "## Machine"
echo
echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
echo "- memory: $(free -g | awk '/^Mem:/ {print $2}') GB; kernel $(uname -r)"
echo "- $(rustc --version); $(pdftotext -v 2>&1 | head -1); $(qpdf --version | head -1)"
echo

python3 bench/make_corpus.py "$WORK/text" "$DOCS"
TEXT_BYTES=$(bytes_of "$WORK/text")
echo "## Text: $DOCS documents, $((TEXT_BYTES / 1000000)) MB"
echo
echo "| command | seconds | documents/s | MB/s | peak RSS (MB) |"
echo "|---|---:|---:|---:|---:|"
row() { # name seconds kib documents bytes
    python3 -c "import sys; n,s,k,d,b=sys.argv[1:]; s=float(s)
print(f'| {n} | {s:.2f} | {int(d)/s:,.0f} | {int(b)/s/1e6:,.1f} | {int(k)/1024:.0f} |')" "$@"
}
read -r s k <<<"$(best_of "$RUNS" sh -c "cat '$WORK'/text/* > /dev/null")"
CAT=$s
row "cat (the floor)" "$s" "$k" "$DOCS" "$TEXT_BYTES"
for jobs in 1 2; do
    read -r s k <<<"$(best_of "$RUNS" "$KENGETAL" extract --quiet --format jsonl --jobs $jobs -o "$WORK/out.jsonl" "$WORK/text")"
    row "kengetal extract --jobs $jobs" "$s" "$k" "$DOCS" "$TEXT_BYTES"
    eval "JOBS$jobs=$s"
done
python3 -c "import sys; c,j1,j2=map(float,sys.argv[1:])
print(f'\n--jobs 2 is {j1/j2:.2f}x --jobs 1, and {j2/c:.1f}x cat.')" "$CAT" "$JOBS1" "$JOBS2"
echo

echo "## Memory: peak RSS against the number of documents (--jobs 2)"
echo
python3 bench/make_corpus.py "$WORK/scale" "$SCALE_DOCS"
mkdir -p "$WORK/small"
scale=("$WORK"/scale/*)
cp "${scale[@]:0:100}" "$WORK/small/"
echo "| documents | seconds | peak RSS (MB) |"
echo "|---:|---:|---:|"
for dir in small scale; do
    count=$(ls "$WORK/$dir" | wc -l)
    read -r s k <<<"$(best_of 1 "$KENGETAL" extract --quiet --format jsonl --jobs 2 -o "$WORK/out.jsonl" "$WORK/$dir")"
    python3 -c "import sys; n,s,k=sys.argv[1:]; print(f'| {int(n):,} | {float(s):.2f} | {int(k)/1024:.1f} |')" "$count" "$s" "$k"
done
rm -rf "$WORK/scale" "$WORK/small"
echo

qpdf --empty --pages corpus/pdf/*.pdf corpus/pdf/*.pdf corpus/pdf/*.pdf corpus/pdf/*.pdf corpus/pdf/*.pdf -- "$WORK/report-305.pdf"
pages() { for f in "$@"; do pdfinfo "$f" | awk '/^Pages:/ {print $2}'; done | awk '{s += $1} END {print s}'; }
echo "## PDF, one core: pages/s"
echo
echo "| files | pages | kengetal extract --jobs 1 | pdftotext -layout | pdftotext |"
echo "|---|---:|---:|---:|---:|"
pdf_row() { # name files...
    local name=$1
    shift
    local n k1 p1 p2
    n=$(pages "$@")
    read -r k1 _ <<<"$(best_of "$RUNS" "$KENGETAL" extract --quiet --jobs 1 -o "$WORK/out.json" "$@")"
    read -r p1 _ <<<"$(best_of "$RUNS" sh -c 'for f; do pdftotext -layout -enc UTF-8 "$f" /dev/null; done' sh "$@")"
    read -r p2 _ <<<"$(best_of "$RUNS" sh -c 'for f; do pdftotext -enc UTF-8 "$f" /dev/null; done' sh "$@")"
    python3 -c "import sys; name,n,a,b,c=sys.argv[1:]; n=int(n)
print(f'| {name} | {n} | {n/float(a):,.0f} ({float(a):.2f} s) | {n/float(b):,.0f} ({float(b):.2f} s) | {n/float(c):,.0f} ({float(c):.2f} s) |')" "$name" "$n" "$k1" "$p1" "$p2"
}
pdf_row "the 4 corpus PDFs" corpus/pdf/*.pdf
pdf_row "a 305-page report" "$WORK/report-305.pdf"
