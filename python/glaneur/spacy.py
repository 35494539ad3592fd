"""glaneur as a spaCy pipeline component.

::

    import spacy
    import glaneur.spacy  # registers the factory (spaCy also finds it by itself)

    nlp = spacy.blank("fr")
    nlp.add_pipe("glaneur")
    doc = nlp("Mistral AI lève 600 millions d'euros, a annoncé Arthur Mensch.")
    doc.spans["glaneur"]      # every entity, as a Span labelled with its kind
    doc.ents                  # the money, organization and person ones that do not overlap
    span._.glaneur            # an entity's attrs (value, currency, speaker…)

A span covers the spaCy tokens the entity touches (``alignment_mode
"expand"``). Configuration (``nlp.add_pipe("glaneur", config={...})``):
``kinds`` (the kinds to keep, default all), ``plugins`` (plugin directories
to load besides the built-in ones), ``plugin_config`` (a configuration
string per plugin), ``ents`` (the kinds put in ``doc.ents``) and
``spans_key``.
"""

from __future__ import annotations

from typing import Dict, Iterable, Iterator, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

import glaneur

if not Span.has_extension("glaneur"):
    Span.set_extension("glaneur", default=None)

class GlaneurComponent:
    """Fills ``doc.spans[spans_key]`` with glaneur's entities and
    ``doc.ents`` with the non-overlapping ones of the ``ents`` kinds."""

    def __init__(
        self,
        nlp: Language,
        name: str = "glaneur",
        kinds: Optional[List[str]] = None,
        plugins: Optional[List[str]] = None,
        plugin_config: Optional[Dict[str, str]] = None,
        ents: Iterable[str] = ("money", "organization", "person"),
        spans_key: str = "glaneur",
    ) -> None:
        self.name = name
        # One pipeline per configuration, shared by every component using it.
        self.pipeline = glaneur._shared_pipeline(kinds, plugins, plugin_config)
        self.ents = frozenset(ents)
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        return self._annotate(doc, self.pipeline.extract(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """``nlp.pipe``: the batch's texts extracted in parallel."""
        batch: List[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._pipe_batch(batch)
                batch = []
        yield from self._pipe_batch(batch)

    def _pipe_batch(self, batch: List[Doc]) -> Iterator[Doc]:
        results = self.pipeline.extract_many([doc.text for doc in batch])
        for doc, result in zip(batch, results):
            yield self._annotate(doc, result)

    def _annotate(self, doc: Doc, result: dict) -> Doc:
        if "error" in result:
            # A plugin failed: the other plugins' entities are kept, as on
            # the command line; the message goes where spaCy users look.
            doc.user_data.setdefault("glaneur_errors", []).append(result["error"])
        spans = []
        for entity in result.get("entities", []):
            span = doc.char_span(entity["start_char"], entity["end_char"], label=entity["kind"], alignment_mode="expand")
            if span is None:
                continue
            span._.glaneur = entity["attrs"]
            spans.append(span)
        doc.spans[self.spans_key] = spans
        ours = filter_spans([span for span in spans if span.label_ in self.ents])
        taken = {i for span in ours for i in range(span.start, span.end)}
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = sorted(ours + kept, key=lambda span: span.start)
        return doc


@Language.factory(
    "glaneur",
    default_config={
        "kinds": None,
        "plugins": None,
        "plugin_config": None,
        "ents": ["money", "organization", "person"],
        "spans_key": "glaneur",
    },
)
def make_component(
    nlp: Language,
    name: str,
    kinds: Optional[List[str]],
    plugins: Optional[List[str]],
    plugin_config: Optional[Dict[str, str]],
    ents: List[str],
    spans_key: str,
) -> GlaneurComponent:
    """The ``glaneur`` factory."""
    return GlaneurComponent(nlp, name, kinds, plugins, plugin_config, ents, spans_key)
