"""The table of entities that ``Pipeline.extract_frame`` and the Spark
function return: its columns and their Arrow types."""

from __future__ import annotations

#: The columns, in order, with their Arrow type names: one row per entity
#: (``id`` is the document's), and one row with only ``id`` and ``error``
#: for a document that had an error. ``attrs`` is the entity's attributes as
#: a JSON object.
COLUMNS = (
    ("id", "string"),
    ("kind", "string"),
    ("start", "int64"),
    ("end", "int64"),
    ("start_char", "int64"),
    ("end_char", "int64"),
    ("text", "string"),
    ("extractor", "string"),
    ("confidence", "float64"),
    ("attrs", "string"),
    ("error", "string"),
)


def arrow_schema():
    """:data:`COLUMNS` as a ``pyarrow.Schema``."""
    import pyarrow as pa

    return pa.schema([(name, pa.type_for_alias(kind)) for name, kind in COLUMNS])


def record_batches(chunks) -> list:
    """The record batches of ``Pipeline._columns``'s Arrow buffers."""
    import pyarrow as pa

    schema = arrow_schema()
    batches = []
    for chunk in chunks:
        rows, columns = chunk["rows"], chunk["columns"]
        arrays = []
        for field in schema:
            nulls, validity, offsets, values = columns[field.name]
            buffers = [None if validity is None else pa.py_buffer(validity)]
            if offsets is not None:
                buffers.append(pa.py_buffer(offsets))
            buffers.append(pa.py_buffer(values))
            arrays.append(pa.Array.from_buffers(field.type, rows, buffers, null_count=nulls))
        batches.append(pa.RecordBatch.from_arrays(arrays, schema=schema))
    return batches


def spark_ddl() -> str:
    """:data:`COLUMNS` as a Spark DDL schema string."""
    spark = {"string": "string", "int64": "bigint", "float64": "double"}
    return ", ".join(f"`{name}` {spark[kind]}" for name, kind in COLUMNS)
