#!/usr/bin/env python3
"""A large dataset for timing `kengetal series` and `kengetal check`.

Usage: bench/make_dataset.py SEED_DATASET.jsonl RECORDS OUT.jsonl

Repeats the records of a dataset that `kengetal extract --format jsonl`
wrote, each copy as another municipality and report year (its path,
`document.municipality`, `document.year` and the indicator years changed,
values kept), so series and cross-document checks meet as many documents,
keys and series as a researcher's ten years of many municipalities.
"""
import json
import sys


def main():
    seed_path, count, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(seed_path, encoding="utf-8") as f:
        seeds = [json.loads(line) for line in f if line.strip()]
    with open(out_path, "w", encoding="utf-8") as out:
        for n in range(count):
            record = json.loads(json.dumps(seeds[n % len(seeds)]))
            copy = n // len(seeds)
            municipality = f"Gemeente {copy // 10:04d}"
            shift = copy % 10
            record["source"]["path"] = f"{municipality}/{shift}/{record['source']['path']}"
            record["document"]["municipality"] = municipality
            if record["document"]["year"] is not None:
                record["document"]["year"] += shift
            for indicator in record["indicators"]:
                for observation in indicator["observations"]:
                    observation["year"] += shift
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
