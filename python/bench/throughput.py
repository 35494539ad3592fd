"""The Python package's throughput against the command line's, on the same
corpus, and the Spark example's on 1 and 2 local cores. A benchmark, not a
test: `cargo xtask bench --python` runs it (release builds) and it prints a
table and writes target/bench/python.json.

    python python/bench/throughput.py --bin target/release/glaneur --corpus target/bench/sample-20mb.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def best(runs: int, work) -> float:
    """The best wall time of `runs` runs of `work`, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def spark_count(articles: Path, cores: int, runs: int) -> float:
    """The best time of `extract_entities(df).count()` over `articles` on
    `local[cores]`: the extraction through Spark, without writing."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from glaneur.spark import extract_entities

    spark = SparkSession.builder.master(f"local[{cores}]").config("spark.ui.enabled", "false").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        df = spark.read.schema("id string, text string").json(str(articles)).cache()
        df.count()  # read once, and the JVM warmed up
        extract_entities(df).count()
        return best(runs, lambda: extract_entities(df).count())
    finally:
        spark.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, help="the command line (release build)")
    parser.add_argument("--corpus", required=True, help="a JSON Lines corpus ({id, text} per line)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--report", default=None, help="where to write the figures as JSON")
    args = parser.parse_args()

    import glaneur

    corpus = Path(args.corpus)
    records = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    text_mb = sum(len(r["text"].encode("utf-8")) for r in records) / 1e6
    pipeline = glaneur.Pipeline()
    figures = {"corpus": str(corpus), "documents": len(records), "text_mb": round(text_mb, 2)}

    print(f"{len(records)} documents, {text_mb:.1f} MB of text; best of {args.runs} runs")
    for jobs in (1, 2):
        def cli():
            with open(os.devnull, "wb") as sink:
                subprocess.run([args.bin, "extract", "--jobs", str(jobs), "--jsonl", str(corpus)], stdout=sink, check=False)

        def many():
            for _ in pipeline.extract_many(records, jobs=jobs):
                pass

        def many_from_file():
            with corpus.open(encoding="utf-8") as f:
                for _ in pipeline.extract_many((json.loads(line) for line in f), jobs=jobs):
                    pass

        t_cli, t_many, t_file = best(args.runs, cli), best(args.runs, many), best(args.runs, many_from_file)
        figures[f"jobs_{jobs}"] = {
            "cli_mb_per_s": round(text_mb / t_cli, 2),
            "extract_many_mb_per_s": round(text_mb / t_many, 2),
            "extract_many_reading_jsonl_mb_per_s": round(text_mb / t_file, 2),
            "extract_many_vs_cli": round(t_cli / t_many, 3),
        }
        print(f"jobs {jobs}: command line {text_mb / t_cli:6.1f} MB/s | extract_many {text_mb / t_many:6.1f} MB/s "
              f"({t_cli / t_many:.0%} of the command line) | reading the JSONL in Python too {text_mb / t_file:6.1f} MB/s")

    if not args.no_spark:
        example = Path(__file__).resolve().parents[2] / "examples" / "spark_archive.py"
        work = Path(tempfile.mkdtemp(prefix="glaneur-spark-bench-"))
        try:
            articles = work / "articles"
            articles.mkdir()
            # Several files, so that Spark has partitions to spread.
            lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
            parts = 8
            for i in range(parts):
                (articles / f"part-{i}.jsonl").write_text("".join(lines[i::parts]), encoding="utf-8")
            for cores in (1, 2):
                seconds = []
                for _ in range(args.runs):
                    done = subprocess.run(
                        [sys.executable, str(example), str(articles), str(work / "out"), "--cores", str(cores)],
                        capture_output=True, text=True, check=True,
                    )
                    seconds.append(float(re.search(r" in ([0-9.]+) s", done.stdout).group(1)))
                counted = spark_count(articles, cores, args.runs)
                figures[f"spark_local_{cores}"] = {
                    "example_mb_per_s": round(text_mb / min(seconds), 2),
                    "extract_entities_count_mb_per_s": round(text_mb / counted, 2),
                }
                print(f"Spark, local[{cores}]: the example {text_mb / min(seconds):6.1f} MB/s (reading, extraction, "
                      f"Parquet writing; not the session's start-up) | extract_entities(df).count() "
                      f"{text_mb / counted:6.1f} MB/s")
        finally:
            shutil.rmtree(work, ignore_errors=True)

    if args.report:
        Path(args.report).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
