"""Extracts the entities of a folder of articles with Spark and writes them
as Parquet, one folder per kind.

    python examples/spark_archive.py ARTICLES/ ENTITIES/ [--cores N] [--format jsonl|parquet]

ARTICLES holds JSON Lines files (one ``{"id": …, "text": …}`` per line, as
the command line's ``--jsonl`` reads; ``.gz`` too) or Parquet files with
``id`` and ``text`` columns. ENTITIES gets Parquet files partitioned by
kind (``ENTITIES/kind=money/…``), the columns of ``glaneur.COLUMNS``;
documents that had an error are in ``kind=__HIVE_DEFAULT_PARTITION__``
with their message in ``error``.

It runs on this machine (``local[N]``). On a cluster, install the glaneur
wheel on every executor and submit the same script with
``spark-submit --master yarn|k8s://… examples/spark_archive.py s3://… s3://… --master ""``
(see the README, "Spark").
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", help="a folder (or file) of JSON Lines or Parquet articles")
    parser.add_argument("entities", help="where to write the entities (Parquet, partitioned by kind)")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1, help="local cores (default: all)")
    parser.add_argument("--master", default=None, help="a Spark master; empty to take spark-submit's")
    parser.add_argument("--format", choices=("jsonl", "parquet"), default=None, help="default: from the file names")
    parser.add_argument("--only", default=None, help="kinds to keep, comma-separated")
    args = parser.parse_args()

    # Local mode: the executors' Python is this one (which has glaneur).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from glaneur.spark import extract_entities

    builder = SparkSession.builder.appName("glaneur-archive").config("spark.ui.enabled", "false")
    master = f"local[{args.cores}]" if args.master is None else args.master
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")

    fmt = args.format or ("parquet" if _has_parquet(args.articles) else "jsonl")
    if fmt == "parquet":
        articles = spark.read.parquet(args.articles)
    else:
        # Only the two fields read, and no pass to infer the schema.
        articles = spark.read.schema("id string, text string").json(args.articles)
    kinds = args.only.split(",") if args.only else None

    started = time.perf_counter()
    entities = extract_entities(articles, kinds=kinds)
    entities.write.mode("overwrite").partitionBy("kind").parquet(args.entities)
    seconds = time.perf_counter() - started

    written = spark.read.parquet(args.entities)
    counts = {row["kind"]: row["count"] for row in written.groupBy("kind").count().collect()}
    print(f"wrote {sum(counts.values())} rows to {args.entities} in {seconds:.1f} s: "
          + ", ".join(f"{k}={v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0]))))
    spark.stop()
    return 0


def _has_parquet(path: str) -> bool:
    if path.endswith(".parquet"):
        return True
    if os.path.isdir(path):
        return any(name.endswith(".parquet") for _, _, files in os.walk(path) for name in files)
    return False


if __name__ == "__main__":
    sys.exit(main())
