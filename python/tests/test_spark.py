"""The Spark function and the archive example, in local mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="pyspark is installed by `cargo xtask test`")

from conftest import ROOT  # noqa: E402

import glaneur  # noqa: E402

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("glaneur-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def cli_rows(cli_seeds: dict) -> set:
    return {
        (source, e["kind"], e["start"], e["end"], e["text"], e["extractor"], e["confidence"], json.dumps(e["attrs"]))
        for source, line in cli_seeds.items()
        for e in line["entities"]
    }


def test_extract_entities_gives_the_command_lines_rows(spark, seeds, cli_seeds):
    from glaneur.spark import extract_entities

    df = spark.createDataFrame(seeds + [("broken", None)], ["id", "text"]).repartition(2)
    rows = extract_entities(df).collect()
    assert [f.name for f in extract_entities(df).schema.fields] == [name for name, _ in glaneur.COLUMNS]
    entities = [r for r in rows if r["error"] is None]
    got = {
        (r["id"], r["kind"], r["start"], r["end"], r["text"], r["extractor"], r["confidence"],
         json.dumps(json.loads(r["attrs"])))
        for r in entities
    }
    assert len(entities) == len(got) == len(cli_rows(cli_seeds))
    assert got == cli_rows(cli_seeds)
    texts = dict(seeds)
    assert all(texts[r["id"]][r["start_char"] : r["end_char"]] == r["text"] for r in entities)
    [broken] = [r for r in rows if r["error"] is not None]
    assert broken["id"] == "broken" and broken["kind"] is None


def test_extract_entities_names_a_missing_column(spark):
    from glaneur.spark import extract_entities

    df = spark.createDataFrame([("a", "10 €")], ["id", "body"])
    with pytest.raises(ValueError, match="no column 'text'"):
        extract_entities(df)
    assert extract_entities(df, text_col="body", kinds=["money"]).count() == 1


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_the_archive_example_writes_parquet_by_kind(tmp_path, seeds, cli_seeds, fmt):
    import pyarrow as pa
    import pyarrow.parquet as pq

    articles = tmp_path / "articles"
    articles.mkdir()
    for i, chunk in enumerate((seeds[:2], seeds[2:])):
        records = [{"id": path, "text": text, "date": "2026-12-02"} for path, text in chunk]
        if fmt == "parquet":
            pq.write_table(pa.Table.from_pylist(records), articles / f"part-{i}.parquet")
        else:
            with open(articles / f"part-{i}.jsonl", "w", encoding="utf-8") as f:
                f.writelines(json.dumps(record) + "\n" for record in records)
    out = tmp_path / "entities"
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "spark_archive.py"), str(articles), str(out), "--cores", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    kinds = {p.name for p in out.iterdir() if p.is_dir()}
    assert {"kind=money", "kind=organization", "kind=quotation", "kind=ai_model"} <= kinds
    table = pq.read_table(out / "kind=money")
    expected = [e for line in cli_seeds.values() for e in line["entities"] if e["kind"] == "money"]
    assert table.num_rows == len(expected)
    assert sorted(table.column("text").to_pylist()) == sorted(e["text"] for e in expected)
    assert "wrote" in done.stdout
