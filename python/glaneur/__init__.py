"""glaneur: money, organisations, quotations with their speakers and AI model
names from French and English technology news.

The same plugins and the same results as the ``glaneur`` command line, from
Python::

    import glaneur
    doc = glaneur.extract("Mistral AI lève 600 millions d'euros.")
    pipeline = glaneur.Pipeline(only=["money"])
    for doc in pipeline.extract_many(records, jobs=4):
        ...
    frame = pipeline.extract_frame(texts, ids=ids)   # pandas, one row per entity

A document's output is the dict of a JSON line of the command line
(docs/SPEC.md): ``source``, ``bytes``, ``entities`` (each with ``kind``,
byte offsets ``start``/``end``, ``text``, ``extractor``, ``confidence``,
``attrs``, and ``start_char``/``end_char``, offsets into the Python ``str``
so that ``text[e["start_char"]:e["end_char"]] == e["text"]``), and
``error`` when a document or a plugin failed.

``glaneur.spacy`` is a spaCy component (``nlp.add_pipe("glaneur")``);
``glaneur.spark.extract_entities`` runs over a Spark DataFrame.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, Iterable, List, Optional, Tuple

from glaneur._frame import COLUMNS, arrow_schema, record_batches
from glaneur._glaneur import Documents, GlaneurError, PluginError, __version__
from glaneur._glaneur import Pipeline as _NativePipeline

__all__ = [
    "COLUMNS",
    "Documents",
    "GlaneurError",
    "Pipeline",
    "PluginError",
    "__version__",
    "arrow_schema",
    "extract",
]


class Pipeline(_NativePipeline):
    """The plugins, loaded and ordered once, then run over any number of
    documents (from any number of threads).

    ``Pipeline(plugins=None, only=None, config=None, *, builtin=True,
    html="article", encoding="auto")``:

    - ``plugins``: directories of plugin libraries to load besides the
      built-in ones (as the command line's ``--plugins``);
    - ``only``: the kinds to keep (``["money"]``); the plugins they need
      still run;
    - ``config``: a configuration string per plugin name (``--config``);
    - ``builtin``: load the plugins built into the package;
    - ``html``: ``"article"`` reads an HTML document's article only,
      ``"whole"`` the whole page;
    - ``encoding``: how ``bytes`` documents are decoded (``"auto"``,
      ``"utf-8"`` or an encoding label).

    Raises :class:`PluginError` when a plugin cannot be loaded or started,
    or when no plugin produces a kind of ``only``.
    """

    def __repr__(self) -> str:
        names = ", ".join(p["name"] for p in self.plugins)
        return f"glaneur.Pipeline([{names}])"

    def extract_table(self, texts: Iterable[Any], ids: Optional[Iterable[Any]] = None, jobs: Optional[int] = None):
        """The entities of ``texts`` as a ``pyarrow.Table`` of
        :data:`COLUMNS`: one row per entity, and one row without a kind for
        each document that had an error (its message in ``error``).
        ``ids`` name the documents (default: their positions, ``"0"``,
        ``"1"``…)."""
        import pyarrow as pa

        documents = texts if ids is None else zip(ids, texts)
        return pa.Table.from_batches(record_batches(self._columns(documents, jobs)), schema=arrow_schema())

    def extract_frame(self, texts: Iterable[Any], ids: Optional[Iterable[Any]] = None, jobs: Optional[int] = None):
        """:meth:`extract_table` as a pandas DataFrame, its columns backed
        by Arrow (``pandas.ArrowDtype``): one row per entity."""
        import pandas as pd

        return self.extract_table(texts, ids, jobs).to_pandas(types_mapper=pd.ArrowDtype)


_shared: Dict[Tuple, Pipeline] = {}
_shared_lock = threading.Lock()


def _shared_pipeline(
    only: Optional[List[str]] = None,
    plugins: Optional[List[str]] = None,
    config: Optional[Dict[str, str]] = None,
) -> Pipeline:
    """The pipeline of this configuration, loaded on first use and kept for
    the process: what the one-liner, the spaCy component and each Spark
    executor share."""
    key = (tuple(only or ()), tuple(plugins or ()), tuple(sorted((config or {}).items())))
    with _shared_lock:
        if key not in _shared:
            _shared[key] = Pipeline(plugins=plugins or None, only=only or None, config=config or None)
        return _shared[key]


def default_pipeline() -> Pipeline:
    """The pipeline of every built-in plugin, loaded on first use and kept."""
    return _shared_pipeline()


def extract(text: Any, id: Optional[Any] = None) -> Dict[str, Any]:
    """One document's output with every built-in plugin: the one-liner.
    ``text`` is a ``str`` (or ``bytes``, or a record with ``"text"``)."""
    return default_pipeline().extract(text, id=id)


def kinds(pipeline: Optional[Pipeline] = None) -> List[str]:
    """The kinds a pipeline (default: every built-in plugin) produces."""
    pipeline = pipeline or default_pipeline()
    return sorted({kind for plugin in pipeline.plugins for kind in plugin["produces"]})
