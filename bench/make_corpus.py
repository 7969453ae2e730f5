#!/usr/bin/env python3
"""Make a synthetic corpus for bench/run.sh: N text reports from the corpus.

Document i is corpus text i mod 4 with its years shifted by a whole number of
years (-9..0, so a 2024 report becomes one of 2015..2024) and every other
number's digits redrawn (same length, same separators, no leading zero), from
a generator seeded with i. So the layouts, and the work of reading them, are
the corpus's, while no two files are equal (checked: the script fails if two
are). Standard library only; run from the repository root:

    python3 bench/make_corpus.py OUT_DIR [N=2000]
"""

import hashlib
import pathlib
import random
import re
import sys

YEAR = re.compile(r"\b20[0-3]\d\b")
NUMBER = re.compile(r"\d+")


def vary(text: str, seed: int) -> str:
    rng = random.Random(seed)
    shift = -(seed % 10)

    def number(match: re.Match) -> str:
        digits = match.group(0)
        if YEAR.fullmatch(digits):
            return str(int(digits) + shift)
        first = rng.choice("123456789") if len(digits) > 1 or digits != "0" else "0"
        return first + "".join(rng.choice("0123456789") for _ in digits[1:])

    return NUMBER.sub(number, text)


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    sources = sorted(pathlib.Path("corpus").glob("*.txt"))
    texts = [s.read_text(encoding="utf-8") for s in sources]
    out.mkdir(parents=True, exist_ok=True)
    seen = set()
    for i in range(count):
        source = sources[i % len(sources)]
        text = vary(texts[i % len(texts)], i)
        digest = hashlib.sha256(text.encode()).digest()
        if digest in seen:
            sys.exit(f"document {i} equals an earlier one")
        seen.add(digest)
        (out / f"{i:05d}-{source.stem}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
