"""The deck, read back through the official ``anki`` package as Anki itself would."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from anki.collection import Collection
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from anki_helpers import import_apkg
from conftest import NOTES, ROOT
from studydeck.pipeline import build
from studydeck.cli import cli
from studydeck.export import BASIC_FIELDS, BASIC_MODEL_ID, CLOZE_FIELDS, CLOZE_MODEL_ID, dumps_indented

T0 = 1_750_000_000
MATH = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]", re.S)


@pytest.fixture
def col(tmp_path: Path):
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


def notes_with(col: Collection, field: str, text: str) -> list[int]:
    """The notes whose ``field`` holds ``text``: cards named by what they say, not by a line."""
    return [nid for nid in col.find_notes("") if field in col.get_note(nid).keys() and text in col.get_note(nid)[field]]


def summary_numbers(output: str) -> tuple[int, int]:
    match = re.search(r"total: (\d+) notes, (\d+) cards", output)
    assert match, output
    return int(match.group(1)), int(match.group(2))


def test_cli_build_imports_cleanly(tmp_path: Path, col: Collection) -> None:
    out = tmp_path / "decks"
    result = CliRunner().invoke(cli, ["build", str(NOTES), "-o", str(out), "--device", "cpu"])
    assert result.exit_code == 0, result.output
    notes, cards = summary_numbers(result.output)
    counts = import_apkg(col, out / "pytorch-notes.apkg")
    assert (counts.new, counts.updated, counts.duplicate, counts.conflicting) == (notes, 0, 0, 0)
    assert col.note_count() == notes and col.card_count() == cards

    for cid in col.find_cards(""):
        rendered = col.get_card(cid).render_output()
        for html in (rendered.question_text, rendered.answer_text):
            assert "$" not in MATH.sub("", html), html
            assert html.count("\\(") == html.count("\\)") and html.count("\\[") == html.count("\\]")
    assert col.media.check().missing == []

    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {"pytorch学习笔记::优化器::SGD", "pytorch学习笔记::优化器::Adam",
            "pytorch学习笔记::数据噪声::应对数据噪声的方法"} <= names
    sgd = col.find_notes('"deck:pytorch学习笔记::优化器::SGD"')
    assert sgd and all("pytorch学习笔记::优化器::SGD" in col.get_note(n).tags for n in sgd)
    assert col.find_notes("tag:studydeck::formula") and col.find_notes("tag:studydeck::question")


def test_math_survives_to_mathjax(tmp_path: Path, col: Collection) -> None:
    build([NOTES], tmp_path, now=T0, verify=False)
    import_apkg(col, tmp_path / "pytorch-notes.apkg")
    (nid,) = notes_with(col, "Back", "\\(\\Phi(x) = ")
    back = col.get_note(nid)["Back"]
    assert back == "\\(\\Phi(x) = \\frac{1}{2} \\left(1 + \\text{erf}\\left(\\frac{x}{\\sqrt{2}}\\right)\\right)\\)"


def test_cloze_math_never_closes_early(tmp_path: Path, col: Collection) -> None:
    notes = tmp_path / "n"
    notes.mkdir()
    (notes / "c.md").write_text("# C\n\nΦ is {{c1::$\\frac{1}{\\sqrt{2}}$}} here.\n", encoding="utf-8")
    build([notes], tmp_path / "d", now=T0, verify=False)
    import_apkg(col, tmp_path / "d" / "c.apkg")
    (cid,) = col.find_cards("")
    answer = col.get_card(cid).render_output().answer_text
    assert "\\(\\frac{1}{\\sqrt{2} }\\)" in answer


def test_raw_html_in_notes_is_escaped(tmp_path: Path, col: Collection) -> None:
    notes = tmp_path / "n"
    notes.mkdir()
    (notes / "x.md").write_text("# X\n- **Payload**: <img src=x onerror=alert(1)>\n", encoding="utf-8")
    build([notes], tmp_path / "d", now=T0, verify=False)
    import_apkg(col, tmp_path / "d" / "x.apkg")
    (nid,) = col.find_notes("")
    assert col.get_note(nid)["Back"] == "&lt;img src=x onerror=alert(1)&gt;"


def test_links_that_lead_nowhere_in_a_card_are_plain_text(tmp_path: Path, col: Collection) -> None:
    """An anchor of the notes' own page, or a file beside them, is no place Anki can open: the
    card keeps the words; a web or mail link stays a link."""
    notes = tmp_path / "n"
    notes.mkdir()
    (notes / "x.md").write_text(
        "# X\n- **Attention**: weights each value by how well its key matches the query "
        "([FAQ](#faq), [next page](seq2seq.md#decoder), [drive](C:/notes/x.md), [server](http://localhost:8888/tree), "
        "[paper](https://arxiv.org/abs/1706.03762))\n",
        encoding="utf-8")
    build([notes], tmp_path / "d", now=T0, verify=False)
    import_apkg(col, tmp_path / "d" / "x.apkg")
    (nid,) = col.find_notes("")
    assert col.get_note(nid)["Back"] == (
        "weights each value by how well its key matches the query "
        '(FAQ, next page, drive, server, <a href="https://arxiv.org/abs/1706.03762">paper</a>)')


def test_images_are_packaged_as_media(tmp_path: Path, col: Collection) -> None:
    notes = tmp_path / "n"
    (notes / "img").mkdir(parents=True)
    (notes / "img" / "dot.png").write_bytes(b"\x89PNG\r\n\x1a\n fake")
    (notes / "i.md").write_text("# I\n- **Dot**: ![a dot](img/dot.png)\n- **Gone**: ![x](img/none.png)\n",
                                encoding="utf-8")
    result = build([notes], tmp_path / "d", now=T0, verify=False)
    import_apkg(col, tmp_path / "d" / "i.apkg")
    assert col.media.check().missing == []
    (nid,) = [n for n in col.find_notes("") if "Dot" in col.get_note(n)["Front"]]
    src = re.search(r'<img src="([^"]+)"', col.get_note(nid)["Back"]).group(1)
    assert src.endswith("-dot.png") and (Path(col.media.dir()) / src).read_bytes() == b"\x89PNG\r\n\x1a\n fake"
    assert [(n.rule, n.source.line) for n in result.notices] == [("missing-image", 3)]


def test_note_models_are_frozen(tmp_path: Path) -> None:
    """Changing a field list under the same model id makes Anki skip every note."""
    build([NOTES], tmp_path, now=T0, verify=False)
    with zipfile.ZipFile(tmp_path / "pytorch-notes.apkg") as zf:
        (tmp_path / "c.anki2").write_bytes(zf.read("collection.anki2"))
    import json
    models = json.loads(sqlite3.connect(tmp_path / "c.anki2").execute("select models from col").fetchone()[0])
    fields = {int(mid): tuple(f["name"] for f in m["flds"]) for mid, m in models.items()}
    assert fields == {BASIC_MODEL_ID: BASIC_FIELDS, CLOZE_MODEL_ID: CLOZE_FIELDS}
    assert BASIC_FIELDS == ("Front", "Back", "Extra", "Computed", "Verdict", "Source")
    assert CLOZE_FIELDS == ("Text", "Back Extra", "Computed", "Verdict", "Source")


def test_reimport_updates_only_the_edited_note_and_keeps_history(
        tmp_path: Path, notes_copy: Path, col: Collection) -> None:
    out = tmp_path / "decks"
    first = build([notes_copy], out, now=T0, verify=False)
    import_apkg(col, out / "pytorch-notes.apkg")
    (nid,) = notes_with(col, "Back", "异常值检测")  # 数据清洗's definition: no other card quotes it
    card = col.get_note(nid).cards()[0]
    card.start_timer()
    col.sched.answerCard(card, 3)
    card.load()
    assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
    interval_before = (card.type, card.due, card.ivl)

    md = notes_copy / "pytorch-notes.md"
    md.write_text(md.read_text(encoding="utf-8").replace("如去重、拼写校正、异常值检测", "如去重、拼写校正、缺失值填补"),
                  encoding="utf-8")
    second = build([notes_copy], out, now=T0 + 3600, verify=False)
    (export,) = second.exports
    assert (len(export.new), len(export.updated), len(export.removed)) == (0, 1, 0)

    counts = import_apkg(col, out / "pytorch-notes.apkg")
    # Anki logs the notes it skipped as unchanged under "duplicate": all but the edited one.
    assert (counts.new, counts.updated, counts.conflicting) == (0, 1, 0)
    assert counts.duplicate == first.exports[0].notes - 1
    assert col.note_count() == first.exports[0].notes
    note = col.get_note(nid)
    assert "缺失值填补" in note["Back"]
    card.load()
    assert (card.type, card.due, card.ivl) == interval_before
    assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1


def test_build_is_byte_reproducible(tmp_path: Path) -> None:
    build([NOTES], tmp_path / "a", now=T0, device="cpu", cache_dir=tmp_path / "cache")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    build([NOTES], tmp_path / "b", now=T0 + 999, device="cpu")  # same notes and state, verified afresh
    for name in ("pytorch-notes.apkg", "pytorch-notes.state.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    with zipfile.ZipFile(tmp_path / "a" / "pytorch-notes.apkg") as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_committed_deck_is_current(tmp_path: Path) -> None:
    """decks/ holds the deck built from notes/; rebuild with `studydeck build` when this fails."""
    committed = ROOT / "decks"
    shutil.copy(committed / "pytorch-notes.state.json", tmp_path)
    device = json.loads((committed / "pytorch-notes.state.json").read_text())["verified_on"]
    if device == "cuda" and not __import__("torch").cuda.is_available():
        pytest.skip("decks/ was verified on a GPU; rebuild it here with `studydeck build --device cpu`")
    build([NOTES], tmp_path, now=T0, device=device, cache_dir=tmp_path / "cache")
    assert (tmp_path / "pytorch-notes.state.json").read_bytes() == \
        (committed / "pytorch-notes.state.json").read_bytes(), "decks/ is stale: run `studydeck build`"
    assert (tmp_path / "pytorch-notes.apkg").read_bytes() == (committed / "pytorch-notes.apkg").read_bytes(), \
        "decks/ is stale: run `studydeck build`"


def test_interrupted_write_leaves_the_old_deck(tmp_path: Path, monkeypatch) -> None:
    build([NOTES], tmp_path, now=T0, verify=False)
    before = (tmp_path / "pytorch-notes.apkg").read_bytes()
    import studydeck.export as export

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(export, "_zip", boom)
    with pytest.raises(KeyboardInterrupt):
        build([NOTES], tmp_path, now=T0 + 5, verify=False)
    assert (tmp_path / "pytorch-notes.apkg").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_comparison_shows_a_formula_as_the_verifier_read_it(tmp_path: Path, col: Collection) -> None:
    """“ln(1 + ex)” lost its markup in the notes; the answer to “…的区别” shows ln(1 + eˣ)."""
    notes = tmp_path / "n"
    notes.mkdir()
    (notes / "a.md").write_text(
        "# 激活\n\n## 激活函数\n\n- Softplus\n  - ln(1 + ex)\n- ReLU\n  - 修正线性单元\n\n"
        "## 问题\n\n- 激活函数的区别\n- 为什么要用激活函数\n", encoding="utf-8")
    build([notes], tmp_path / "d", now=T0, verify=True, device="cpu", cache_dir=tmp_path / "cache")
    import_apkg(col, tmp_path / "d" / "a.apkg")
    notes_ = [col.get_note(n) for n in col.find_notes("")]
    (note,) = [n for n in notes_ if "Front" in n.keys() and n["Front"].startswith("激活函数的区别")]
    outline = note["Back"].split("</div>", 1)[1]
    assert "eˣ" in outline and "ex" not in outline


_json_leaf = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
_json_values = st.recursive(_json_leaf, lambda inner: st.lists(inner, max_size=4) |
                            st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)


@given(_json_values)
def test_state_file_text_is_json_dumps_indented(value) -> None:
    """The state file's text is exactly json.dumps with indent=1 and sorted keys, whatever it holds."""
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


_cloze_text = st.lists(st.sampled_from(["{{c1::a}}", "{{c2::b}}", "{{c9::c}}", "{{c10::d}}", "{{c0::e}}",
                                        "{{c3::}}", "text", " ", "}}", "{{c17::f::hint}}"]), max_size=6).map("".join)
_field = st.sampled_from(["", "x", "$y$"])


@given(st.booleans(), st.lists(_field, min_size=6, max_size=6), _cloze_text)
def test_notes_are_stored_as_genanki_stores_them(cloze, basic_fields, cloze_text) -> None:
    """A deck's note and card rows are the ones ``genanki.Note.write_to_db`` writes, cards
    (none, one, one per cloze number) and ids included."""
    import itertools

    import genanki
    from genanki.apkg_schema import APKG_SCHEMA

    from studydeck.export import _insert_notes, _Note, basic_model, card_ords, cloze_model, deck_id

    model = cloze_model() if cloze else basic_model()
    fields = [cloze_text, "", "", "", "src:1"] if cloze else basic_fields
    ours = _Note(model, fields, ["b::c", "a"], "guid1", "Deck::Sub", T0, card_ords(model, fields))
    theirs = genanki.Note(model=model, fields=list(fields), tags=["b::c", "a"], guid="guid1")
    assert ours.ords == [c.ord for c in theirs.cards]
    rows = []
    for write in (lambda cur, ids: _insert_notes(cur, [ours], ids),
                  lambda cur, ids: theirs.write_to_db(cur, T0, deck_id("Deck::Sub"), ids)):
        db = sqlite3.connect(":memory:")
        db.executescript(APKG_SCHEMA)
        write(db.cursor(), itertools.count(T0 * 1000))
        rows.append([db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("notes", "cards")])
        db.close()
    assert rows[0] == rows[1]


@given(st.text())
def test_a_notes_guid_is_genankis(key) -> None:
    import genanki

    from studydeck.export import note_guid

    assert note_guid(key) == genanki.guid_for(key)
