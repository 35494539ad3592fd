"""The spaCy component on a blank French pipeline."""

from __future__ import annotations

import subprocess
import sys

import pytest

spacy = pytest.importorskip("spacy", reason="spaCy is installed by `cargo xtask test`")

import glaneur  # noqa: E402
import glaneur.spacy  # noqa: E402,F401  (registers the factory)

TEXT = (
    "Mistral AI lève 600 millions d'euros auprès de Nvidia. « Nous allons recruter en Europe », "
    "a déclaré Arthur Mensch, le PDG de Mistral AI, qui présentait Mistral Large 2 à Paris."
)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("fr")
    nlp.add_pipe("glaneur")
    return nlp


def test_spans_are_glaneurs_entities_aligned_to_tokens(nlp):
    doc = nlp(TEXT)
    expected = glaneur.extract(TEXT)["entities"]
    spans = doc.spans["glaneur"]
    assert [s.label_ for s in spans] == [e["kind"] for e in expected]
    for span, entity in zip(spans, expected):
        # The span covers the tokens the entity touches: exactly, here.
        assert span.text == entity["text"]
        assert span._.glaneur == entity["attrs"]
    money = [s for s in spans if s.label_ == "money"][0]
    assert money._.glaneur["value"] == 600_000_000 and money._.glaneur["currency"] == "EUR"
    quote = [s for s in spans if s.label_ == "quotation"][0]
    assert quote._.glaneur["speaker"] == "Arthur Mensch"


def test_ents_are_the_non_overlapping_money_organisations_and_people(nlp):
    doc = nlp(TEXT)
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("600 millions d'euros", "money") in ents
    assert ("Arthur Mensch", "person") in ents
    assert ("Nvidia", "organization") in ents
    assert all(label in ("money", "organization", "person") for _, label in ents)
    html = spacy.displacy.render(doc, style="ent")
    assert "Arthur Mensch" in html and "money" in html


def test_an_entity_inside_a_word_takes_the_whole_token():
    nlp = spacy.blank("fr")
    nlp.add_pipe("glaneur", config={"kinds": ["money"]})
    doc = nlp("Le contrat vaut 3M€, dit-on.")
    [span] = doc.spans["glaneur"]
    assert span.label_ == "money" and "3M€" in span.text


def test_pipe_gives_what_call_gives(nlp):
    texts = [TEXT, "Google investit 2 milliards de dollars.", "Rien à signaler."] * 3
    piped = list(nlp.pipe(texts, batch_size=4))
    for doc, text in zip(piped, texts):
        single = nlp(text)
        assert [(s.start, s.end, s.label_) for s in doc.spans["glaneur"]] == [
            (s.start, s.end, s.label_) for s in single.spans["glaneur"]
        ]


def test_config_chooses_the_kinds_and_the_ents():
    nlp = spacy.blank("fr")
    nlp.add_pipe("glaneur", config={"kinds": ["organization"], "ents": ["organization"], "spans_key": "g"})
    doc = nlp(TEXT)
    assert {s.label_ for s in doc.spans["g"]} == {"organization"}
    assert [e.text for e in doc.ents] == ["Mistral AI", "Nvidia", "Mistral AI"]


def test_spacy_finds_the_factory_without_an_import():
    code = "import spacy; nlp = spacy.blank('fr'); nlp.add_pipe('glaneur'); print(len(nlp('Nvidia gagne 3 dollars.').ents))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2"
