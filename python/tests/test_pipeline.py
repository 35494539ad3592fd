"""The package against the command line, and its own contract: offsets in
characters, input order, error records, exceptions."""

from __future__ import annotations

import itertools
import shutil
import threading

import pytest

import glaneur
from conftest import cli_plugins, glaneur_bin, run_cli, without_chars


def test_seeds_give_the_command_lines_entities(seeds, cli_seeds):
    pipeline = glaneur.Pipeline()
    for path, text in seeds:
        ours = pipeline.extract(text, id=path)
        theirs = cli_seeds[path]
        assert ours["source"] == path
        assert ours["bytes"] == theirs["bytes"]
        assert len(ours["entities"]) > 10
        assert without_chars(ours["entities"]) == theirs["entities"]


def test_extract_many_keeps_input_order_on_threads(seeds, cli_seeds):
    records = [{"id": f"{path}#{i}", "text": text} for i in range(4) for path, text in seeds]
    results = list(glaneur.Pipeline().extract_many(records, jobs=3))
    assert [r["source"] for r in results] == [r["id"] for r in records]
    for result in results:
        expected = cli_seeds[result["source"].split("#")[0]]
        assert without_chars(result["entities"]) == expected["entities"]


def test_character_offsets_hold_on_accents_and_emoji():
    text = (
        "🚀🇫🇷 Début décembre, la société Mistral AI a levé 600 millions d'euros 💶. "
        "« C’est énorme », a déclaré Arthur Mensch 😀, son PDG. "
        "Le modèle GPT-4o d'OpenAI coûte 20 $ par mois ; l'Élysée s'en réjouit. "
        "Cafe\u0301 : Nvidia investit 2,5 milliards de dollars."
    )
    doc = glaneur.extract(text)
    kinds = {e["kind"] for e in doc["entities"]}
    assert {"money", "organization", "quotation", "ai_model", "person"} <= kinds
    encoded = text.encode("utf-8")
    for e in doc["entities"]:
        assert text[e["start_char"] : e["end_char"]] == e["text"]
        assert encoded[e["start"] : e["end"]].decode("utf-8") == e["text"]
        assert e["start_char"] < e["start"]  # the emoji before take four bytes each


def test_source_is_the_id_or_the_position():
    pipeline = glaneur.Pipeline(only=["money"])
    assert pipeline.extract("10 €")["source"] == "0"
    assert pipeline.extract("10 €", id=42)["source"] == "42"
    results = list(pipeline.extract_many(["1 €", ("b", "2 €"), {"text": "3 €"}, {"id": 7, "text": "4 €"}]))
    assert [r["source"] for r in results] == ["0", "b", "2", "7"]
    assert [r["entities"][0]["attrs"]["value"] for r in results] == [1, 2, 3, 4]


def test_bad_documents_are_error_records_and_the_rest_goes_on():
    pipeline = glaneur.Pipeline(only=["money"])
    documents = ["5 €", 12, {"id": "no-text"}, "\ud800 lone surrogate", {"id": "x", "text": None}, "6 €"]
    results = list(pipeline.extract_many(documents, jobs=2))
    assert [r["source"] for r in results] == ["0", "1", "no-text", "3", "x", "5"]
    assert [("error" in r) for r in results] == [False, True, True, True, True, False]
    assert "not int" in results[1]["error"]
    assert '"text"' in results[2]["error"]
    assert "Unicode" in results[3]["error"]
    assert results[5]["entities"][0]["attrs"]["value"] == 6


def test_bytes_are_decoded_as_files_are():
    result = glaneur.Pipeline(only=["money"]).extract("Le café coûte 3 euros.".encode("cp1252"))
    assert result["encoding"] == "windows-1252"
    assert result["entities"][0]["text"] == "3 euros"


def test_html_records_read_the_article():
    page = (
        "<html><body><nav>Orange Google</nav><article><p>Nvidia a investi 2 milliards de dollars.</p>"
        "</article><footer>Amazon</footer></body></html>"
    )
    result = glaneur.Pipeline(only=["organization"]).extract({"text": page, "format": "html"})
    names = [e["text"] for e in result["entities"]]
    assert names == ["Nvidia"]
    start = result["entities"][0]["start_char"]
    assert page[start : start + 6] == "Nvidia"


def test_an_error_while_iterating_is_raised_after_the_documents_before_it():
    def documents():
        yield "1 €"
        yield "2 €"
        raise RuntimeError("the source broke")

    results = glaneur.Pipeline(only=["money"]).extract_many(documents(), jobs=2)
    assert next(results)["source"] == "0"
    assert next(results)["source"] == "1"
    with pytest.raises(RuntimeError, match="the source broke"):
        next(results)


def test_extract_many_streams_an_endless_input():
    endless = glaneur.Pipeline(only=["money"]).extract_many(itertools.repeat("7 €"), jobs=2)
    firsts = list(itertools.islice(endless, 500))
    assert len(firsts) == 500 and firsts[-1]["source"] == "499"


def test_extract_many_refuses_one_string():
    with pytest.raises(TypeError, match="use extract"):
        glaneur.Pipeline().extract_many("one text")


def test_a_pipeline_serves_many_python_threads(seeds, cli_seeds):
    pipeline = glaneur.Pipeline()
    failures = []

    def work(path, text):
        for _ in range(3):
            if without_chars(pipeline.extract(text, id=path)["entities"]) != cli_seeds[path]["entities"]:
                failures.append(path)

    threads = [threading.Thread(target=work, args=seed) for seed in seeds]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_only_keeps_the_kinds_asked_for():
    pipeline = glaneur.Pipeline(only=["quotation"])
    names = [p["name"] for p in pipeline.plugins]
    # Quotations need the organisations and people found before them.
    assert names[-1] == "quotations" and "people" in names and "money" not in names
    text = "« Nous recrutons », a déclaré Arthur Mensch, PDG de Mistral AI, qui lève 600 millions d'euros."
    entities = pipeline.extract(text)["entities"]
    assert [e["kind"] for e in entities] == ["quotation"]
    assert entities[0]["attrs"]["speaker"] == "Arthur Mensch"


def test_plugin_errors_are_exceptions_with_the_cause(tmp_path):
    with pytest.raises(glaneur.PluginError, match="no loaded plugin produces kind \"weather\""):
        glaneur.Pipeline(only=["weather"])
    with pytest.raises(glaneur.PluginError, match="takes no configuration"):
        glaneur.Pipeline(config={"money": "strict"})
    with pytest.raises(glaneur.PluginError, match="no loaded plugin is"):
        glaneur.Pipeline(config={"weather": "x"})
    with pytest.raises(glaneur.PluginError, match="cannot read the directory"):
        glaneur.Pipeline(plugins=[tmp_path / "missing"])
    fixtures = glaneur_bin().parent / "fixture-plugins"
    with pytest.raises(glaneur.PluginError) as raised:
        glaneur.Pipeline(plugins=[fixtures])
    message = str(raised.value)
    assert "libglaneur_fixture_old_abi" in message and "rebuild it" in message
    assert "libglaneur_fixture_not_a_plugin" in message
    assert issubclass(glaneur.PluginError, glaneur.GlaneurError)


def test_plugin_directories_load_as_on_the_command_line(seeds, cli_seeds, tmp_path):
    # The command line's own plugin files, instead of the built-in ones.
    from_files = glaneur.Pipeline(plugins=[cli_plugins()], builtin=False)
    assert {p["path"] for p in from_files.plugins} != {"<built-in>"}
    path, text = seeds[0]
    assert without_chars(from_files.extract(text, id=path)["entities"]) == cli_seeds[path]["entities"]
    # The same names again beside the built-in ones: the first wins, as on the command line.
    with pytest.raises(glaneur.PluginError, match="duplicate plugin money: already loaded from <built-in>"):
        glaneur.Pipeline(plugins=[cli_plugins()])


def test_a_failing_plugin_costs_its_entities_not_the_others(tmp_path):
    shutil.copy(glaneur_bin().parent / "fixture-plugins" / "libglaneur_fixture_misbehaving.so", tmp_path)
    pipeline = glaneur.Pipeline(plugins=[tmp_path])
    text = "PANIC-NOW. Mistral AI lève 600 millions d'euros."
    result = pipeline.extract(text)
    assert "plugin misbehaving" in result["error"] and "panicked" in result["error"]
    assert {"money", "organization"} <= {e["kind"] for e in result["entities"]}
    # The command line says the same.
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    [line] = run_cli("--plugins", str(cli_plugins()), "--plugins", str(tmp_path), str(path))
    assert without_chars(result["entities"]) == line["entities"]
    assert result["error"] == line["error"]


def test_extract_frame_has_a_row_per_entity(seeds, cli_seeds):
    import pandas as pd

    pipeline = glaneur.Pipeline()
    texts = [text for _, text in seeds] + [None]
    ids = [path for path, _ in seeds] + ["broken"]
    frame = pipeline.extract_frame(texts, ids=ids, jobs=2)
    assert list(frame.columns) == [name for name, _ in glaneur.COLUMNS]
    assert all(isinstance(t, pd.ArrowDtype) for t in frame.dtypes)
    expected = sum(len(line["entities"]) for line in cli_seeds.values())
    entities = frame[frame["error"].isna()]
    assert len(entities) == expected
    assert frame[frame["id"] == "broken"]["error"].iloc[0] == "the pair's text is not a str"
    money = entities[entities["kind"] == "money"]
    assert len(money) == sum(1 for l in cli_seeds.values() for e in l["entities"] if e["kind"] == "money")
    first = entities.iloc[0]
    text = dict(seeds)[first["id"]]
    assert text[first["start_char"] : first["end_char"]] == first["text"]
