"""glaneur over a Spark DataFrame, for archives that outgrow one machine.

::

    from glaneur.spark import extract_entities
    entities = extract_entities(articles, text_col="text", id_col="id")
    entities.write.partitionBy("kind").parquet("entities/")

The result has one row per entity, the columns of ``glaneur.COLUMNS`` (id,
kind, start, end, start_char, end_char, text, extractor, confidence, attrs
as JSON, error), and one row with only ``id`` and ``error`` for a document
that had an error. Rows travel as Arrow batches (``mapInArrow``); each
executor's Python process loads the plugins once and keeps them. On a
cluster, install the wheel on every executor (see the README).
"""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional

import glaneur
from glaneur._frame import record_batches, spark_ddl


def extract_entities(
    df,
    text_col: str = "text",
    id_col: str = "id",
    *,
    kinds: Optional[List[str]] = None,
    plugins: Optional[List[str]] = None,
    config: Optional[Dict[str, str]] = None,
):
    """The entities of ``df``'s ``text_col``, one row per entity, named by
    ``id_col`` (cast to a string). ``kinds``, ``plugins`` and ``config`` are
    those of :class:`glaneur.Pipeline`; plugin directories must exist on
    every executor."""
    from pyspark.sql import functions as F

    for column in (text_col, id_col):
        if column not in df.columns:
            raise ValueError(f"the DataFrame has no column {column!r} (it has {', '.join(df.columns)})")
    # Fail on the driver, with the cause, rather than in every task.
    glaneur._shared_pipeline(kinds, plugins, config)
    documents = df.select(F.col(id_col).cast("string").alias("id"), F.col(text_col).alias("text"))
    return documents.mapInArrow(_extractor(kinds, plugins, config), spark_ddl())


def _extractor(kinds: Optional[List[str]], plugins: Optional[List[str]], config: Optional[Dict[str, str]]):
    def extract(batches: Iterator) -> Iterator:
        # The executor process's pipeline for this configuration, loaded once.
        pipeline = glaneur._shared_pipeline(kinds, plugins, config)
        for batch in batches:
            ids = batch.column(0).to_pylist()
            texts = batch.column(1).to_pylist()
            # One thread: Spark runs a task per core already.
            yield from record_batches(pipeline._columns(zip(ids, texts), jobs=1))

    return extract
