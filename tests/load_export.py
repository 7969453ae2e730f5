#!/usr/bin/env python3
"""The loads a researcher types, run on `kengetal export`'s tables.

Usage: load_export.py DATASET.json PARQUET_DIR CSV_DIR

Reads the dataset itself for the expected counts, then asserts with DuckDB
and pandas what README and docs/dataset.md promise: one row per printed
indicator value and per table cell, the documented column types (no float
doelstelling, nullable integer pages and years, exact decimals), ids that
join, amounts equal to value × scale, and CSV holding the same rows as
Parquet. Prints the counts it checked; exits non-zero on the first failure.
"""

import decimal
import json
import sys

import duckdb
import pandas as pd

ENTITIES = [
    "documents", "indicators", "observations", "tables",
    "cells", "warnings", "unread", "findings",
]


def expected_counts(records):
    """Rows each table must have, counted from the dataset's records."""
    indicators = [i for r in records for i in r["indicators"]]
    tables = [t for r in records for t in r["tables"]]
    warnings = sum(len(r["warnings"]) for r in records)
    warnings += sum(len(i["warnings"]) for i in indicators)
    warnings += sum(len(t["warnings"]) for t in tables)
    return {
        "documents": len(records),
        "indicators": len(indicators),
        "observations": sum(len(i["observations"]) for i in indicators),
        "tables": len(tables),
        "cells": sum(len(row["values"]) for t in tables for row in t["rows"]),
        "warnings": warnings,
        "unread": sum(len(r["unread"]) for r in records),
    }


def check(condition, message):
    if not condition:
        sys.exit(f"load_export: FAILED: {message}")


def main(dataset, parquet_dir, csv_dir):
    with open(dataset, encoding="utf-8") as f:
        records = json.load(f)
    expected = expected_counts(records)
    db = duckdb.connect()
    pq = {e: f"'{parquet_dir}/{e}.parquet'" for e in ENTITIES}

    # DuckDB: SELECT … FROM 'dir/x.parquet', row counts and column types.
    for entity, count in expected.items():
        (rows,) = db.execute(f"SELECT count(*) FROM {pq[entity]}").fetchone()
        check(rows == count, f"{entity}: {rows} rows, the dataset has {count}")
        print(f"duckdb: {entity}: {rows} rows = the dataset's {count}")
    types = {
        (entity, name): kind
        for entity in ENTITIES
        for name, kind, *_ in db.execute(f"DESCRIBE SELECT * FROM {pq[entity]}").fetchall()
    }
    documented = {
        ("observations", "doelstelling"): "VARCHAR",
        ("indicators", "doelstelling"): "VARCHAR",
        ("observations", "year"): "BIGINT",
        ("observations", "page"): "BIGINT",
        ("documents", "document_year"): "BIGINT",
        ("documents", "pages"): "BIGINT",
        ("observations", "value"): "DECIMAL(38,10)",
        ("cells", "value"): "DECIMAL(38,10)",
        ("cells", "amount"): "DECIMAL(38,10)",
        ("unread", "value"): "DECIMAL(38,10)",
        ("indicators", "bbv"): "BOOLEAN",
        ("indicators", "goal_met"): "BOOLEAN",
    }
    for (entity, name), kind in documented.items():
        check(types.get((entity, name)) == kind,
              f"{entity}.{name} is {types.get((entity, name))}, documented {kind}")
    print(f"duckdb: {len(documented)} documented column types hold")

    # Ids join: every observation has its indicator, every cell its table,
    # every row its document.
    joins = [
        ("observations", "indicators", "indicator_id"),
        ("cells", "tables", "table_id"),
        ("indicators", "documents", "document_id"),
        ("tables", "documents", "document_id"),
        ("unread", "documents", "document_id"),
    ]
    for child, parent, key in joins:
        (orphans,) = db.execute(
            f"SELECT count(*) FROM {pq[child]} c ANTI JOIN {pq[parent]} p USING ({key})"
        ).fetchone()
        check(orphans == 0, f"{orphans} {child} without their {parent} row ({key})")
    (ids,) = db.execute(
        f"SELECT count(*) - count(DISTINCT indicator_id) FROM {pq['indicators']}"
    ).fetchone()
    check(ids == 0, "indicator_id is not unique")
    (wrong,) = db.execute(
        f"SELECT count(*) FROM {pq['cells']} WHERE amount IS DISTINCT FROM value * scale"
    ).fetchone()
    check(wrong == 0, f"{wrong} cells whose amount is not value × scale")
    print(f"duckdb: {len(joins)} joins without orphans; amount = value × scale in every cell")

    # The corpus's printed values, exactly: the dataset's value of each
    # observation is the export's decimal.
    exported = {
        (r[0], r[1], r[2]): r[3]
        for r in db.execute(
            f"SELECT path, indicator, observation, value FROM {pq['observations']}"
        ).fetchall()
    }
    compared = 0
    for record in records:
        for i, indicator in enumerate(record["indicators"]):
            for o, observation in enumerate(indicator["observations"]):
                value = exported[(record["source"]["path"], i, o)]
                if observation["value"] is None:
                    check(value is None, f"{record['source']['path']} {i}/{o}: null became {value}")
                else:
                    printed = decimal.Decimal(repr(observation["value"]))
                    check(value == printed, f"{i}/{o}: {value} != {printed}")
                compared += 1
    print(f"duckdb: {compared} observation values equal the dataset's")

    # pandas: read_parquet with nullable types.
    frames = {
        e: pd.read_parquet(f"{parquet_dir}/{e}.parquet", dtype_backend="numpy_nullable")
        for e in ENTITIES
    }
    observations = frames["observations"]
    check(len(observations) == expected["observations"], "pandas: observation rows")
    check(str(observations["year"].dtype) == "Int64", f"pandas year {observations['year'].dtype}")
    check(str(observations["page"].dtype) == "Int64", f"pandas page {observations['page'].dtype}")
    doelstelling = observations["doelstelling"].dropna()
    check(all(isinstance(d, str) for d in doelstelling), "pandas: a doelstelling is not a string")
    check(all(isinstance(v, decimal.Decimal) for v in observations["value"].dropna()),
          "pandas: a value is not a Decimal")
    check(str(frames["indicators"]["bbv"].dtype) == "boolean", "pandas bbv")
    print(f"pandas: {len(observations)} observations; year, page Int64; "
          f"{len(doelstelling)} doelstellingen as strings; values Decimal")

    # CSV: the same columns and rows as Parquet, read with Parquet's types.
    for entity in ENTITIES:
        described = db.execute(f"DESCRIBE SELECT * FROM {pq[entity]}").fetchall()
        columns = "{" + ", ".join(f"'{n}': '{t}'" for n, t, *_ in described) + "}"
        csv = f"read_csv('{csv_dir}/{entity}.csv', header=true, columns={columns})"
        for a, b in ((pq[entity], csv), (csv, pq[entity])):
            (extra,) = db.execute(
                f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})"
            ).fetchone()
            check(extra == 0, f"{entity}: {extra} rows of {a} not in {b}")
    print(f"csv: the same rows as parquet in all {len(ENTITIES)} tables")


if __name__ == "__main__":
    main(*sys.argv[1:4])
