"""The per-file cache: what a build reads back from it is what parsing the notes gives."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import NOTES
from studydeck.model import Card
from studydeck.pipeline import Workspace, build

T0 = 1_764_400_000


def _cards(docs) -> list[Card]:
    return [c for d in docs for c in d.cards]


def _fresh_digest(card: Card) -> str:
    """The digest of a card rebuilt from its fields: nothing remembered."""
    return Card.from_dict(json.loads(json.dumps(card.to_dict()))).digest


def test_cards_read_back_carry_the_digests_of_their_content(tmp_path: Path) -> None:
    cold = Workspace.load([NOTES], cache_dir=tmp_path / "cache")
    warm = Workspace.load([NOTES], cache_dir=tmp_path / "cache")
    assert _cards(warm.docs) == _cards(cold.docs)
    assert [c.digest for c in _cards(warm.docs)] == [_fresh_digest(c) for c in _cards(cold.docs)]
    assert [d.cards_digest() for d in warm.docs] == [d.cards_digest() for d in cold.docs]


def test_an_entry_with_a_digest_missing_is_parsed_again(tmp_path: Path) -> None:
    cold = Workspace.load([NOTES], cache_dir=tmp_path / "cache")
    for entry in (tmp_path / "cache" / "files").glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["digests"] = data["digests"][1:]
        entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = Workspace.load([NOTES], cache_dir=tmp_path / "cache")
    assert [c.digest for c in _cards(again.docs)] == [_fresh_digest(c) for c in _cards(cold.docs)]


def test_a_build_from_the_cache_writes_what_a_cold_build_writes(tmp_path: Path) -> None:
    build([NOTES], tmp_path / "cold", now=T0, verify=False, cache_dir=tmp_path / "cache")
    build([NOTES], tmp_path / "warm", now=T0, verify=False, cache_dir=tmp_path / "cache")
    cold = {p.name: p.read_bytes() for p in (tmp_path / "cold").iterdir() if not p.name.startswith(".")}
    warm = {p.name: p.read_bytes() for p in (tmp_path / "warm").iterdir() if not p.name.startswith(".")}
    assert cold and warm == cold


def test_the_verifier_reads_back_its_verdicts_from_the_files_of_its_own_keys(tmp_path: Path) -> None:
    """Verdicts are kept in files named by their keys' first characters: a second run knows them
    without running anything, and a run over other notes leaves the files it has no key in as
    they were (a quiz over one file reads only what that file needs)."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# Sigmoid\n\n$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$\n", encoding="utf-8")
    (notes / "b.md").write_text("# Tanh\n\n$$\\tanh(x) = \\frac{e^x - e^{-x}}{e^x + e^{-x}}$$\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = Workspace.load([notes / "a.md"], cache_dir=cache).verify(device="cpu")
    shards = sorted((cache / "verify").glob("*.json"))
    assert shards and first.counts()["agrees"] == 1
    known = Workspace.load([notes / "a.md"], cache_dir=cache).verify(cached_only=True)
    assert [r.to_dict() for r in known.results] == [r.to_dict() for r in first.results]
    before = {p.name: p.read_bytes() for p in shards}
    Workspace.load([notes / "b.md"], cache_dir=cache).verify(device="cpu")
    after = {p.name: p.read_bytes() for p in (cache / "verify").glob("*.json")}
    assert len(after) == len(before) + 1  # b's verdict in a file of its own key
    for name, data in before.items():  # a's files: as they were
        assert after[name] == data


def test_installed_versions_are_read_as_importlib_metadata_reads_them() -> None:
    from importlib import metadata

    from studydeck.cache import installed_version

    names = sorted({d.metadata["Name"] for d in metadata.distributions() if d.metadata["Name"]})
    assert len(names) > 10
    assert {n: installed_version(n) for n in names} == {n: metadata.version(n) for n in names}
    assert installed_version("no-such-distribution-anywhere") is None


def _distribution(folder: Path, version: str, name: str) -> None:
    folder.mkdir(parents=True)
    header = "PKG-INFO" if folder.suffix == ".egg-info" else "METADATA"
    (folder / header).write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nText.\n",
                                 encoding="utf-8")


def test_the_first_folder_on_the_path_with_a_distribution_gives_its_version(tmp_path: Path, monkeypatch) -> None:
    """As importlib.metadata: the first folder on sys.path that holds the distribution, the version
    its metadata states (not the folder's name), whatever the layout."""
    from importlib import metadata

    from studydeck.cache import installed_version

    first, second = tmp_path / "first", tmp_path / "second"
    _distribution(first / "Shaping_Pkg-2.0.1.dist-info", "2.0.1", "Shaping-Pkg")
    _distribution(second / "shaping_pkg-1.0.dist-info", "1.0", "shaping_pkg")
    _distribution(second / "legacyver-1.0_beta.dist-info", "1.0-beta", "legacyver")  # the name is not the version
    _distribution(second / "dashy-name-2.0.dist-info", "2.0", "dashy")  # an unescaped dash
    _distribution(first / "older.egg-info", "0.9", "older")  # no version in the name at all
    _distribution(second / "older-0.1.dist-info", "0.1", "older")
    names = ["shaping-pkg", "Shaping.Pkg", "legacyver", "dashy", "older", "absent-here"]
    for path in ([str(tmp_path / "missing"), str(first), str(second)], [str(second), str(first)]):
        monkeypatch.setattr("sys.path", path)
        expected = {}
        for name in names:
            try:
                expected[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                expected[name] = None
        assert {n: installed_version(n) for n in names} == expected
    assert expected["shaping-pkg"] == "1.0" and expected["legacyver"] == "1.0-beta" and expected["older"] == "0.1"


def test_the_caches_drop_what_old_versions_of_the_notes_left_once_they_hold_more_than_they_need(
        tmp_path: Path, monkeypatch) -> None:
    """Every edit of a notes file adds an entry to the cards', lint's and the exercises' caches:
    a build that adds one lets the oldest go, so months of edits do not fill the disk."""
    import os

    import studydeck.pipeline as pipeline

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# Sigmoid\n\n$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$\n", encoding="utf-8")
    cache = tmp_path / "cache"
    old = {}
    for name in ("files", "lint", "exercises"):
        (cache / name).mkdir(parents=True)
        old[name] = [cache / name / f"{i:064x}.json" for i in range(9)]
        for i, entry in enumerate(old[name]):  # what earlier versions of the notes left
            entry.write_text("{}", encoding="utf-8")
            os.utime(entry, (T0 + i, T0 + i))
    monkeypatch.setattr(pipeline, "CACHE_KEEP", 1)  # kept: 4 entries a notes file, here 4
    workspace = Workspace.load([notes], cache_dir=cache, scan=True)
    workspace.build(tmp_path / "decks", now=T0, verify=True, device="cpu")
    workspace.lint()
    for name in ("files", "lint", "exercises"):
        left = sorted(p.name for p in (cache / name).iterdir())
        assert len(left) == 4, name
        assert [p.name for p in old[name][-3:]] == [n for n in left if n in {p.name for p in old[name]}], name
    again = Workspace.load([notes], cache_dir=cache)  # what this build wrote is what was kept
    again.verify(cached_only=True)
    assert [e.to_dict() for e in again.exercises(again.docs[0], cached_only=True)] == \
        [e.to_dict() for e in workspace.exercises(workspace.docs[0], cached_only=True)] != []


def test_an_entry_this_build_read_stays_however_old_it_is(tmp_path: Path, monkeypatch) -> None:
    """An unchanged file's exercises were written long ago and only read since: a build that writes
    another file's entry and prunes must not take them, or the quiz loses that file's exercises."""
    import os

    import studydeck.pipeline as pipeline

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# Sigmoid\n\n$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$\n", encoding="utf-8")
    cache = tmp_path / "cache"
    pipeline.build([notes], tmp_path / "decks", now=T0, verify=True, device="cpu", cache_dir=cache)
    [old] = list((cache / "exercises").iterdir())
    os.utime(old, (T0, T0))  # written long ago
    for i in range(9):  # and newer entries of other notes since
        (cache / "exercises" / f"{i:064x}.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(pipeline, "CACHE_KEEP", 1)  # kept: 4 entries a notes file, here 8
    (notes / "b.md").write_text("# Tanh\n\n$$\\tanh(x) = \\frac{e^x - e^{-x}}{e^x + e^{-x}}$$\n", encoding="utf-8")
    pipeline.build([notes], tmp_path / "decks", now=T0, verify=True, device="cpu", cache_dir=cache)
    assert old.exists() and len(list((cache / "exercises").iterdir())) == 9  # the 8 newest, and it
    again = Workspace.load([notes], cache_dir=cache)
    again.verify(cached_only=True)
    assert all(again.exercises(doc, cached_only=True) for doc in again.docs)


def test_the_verdicts_are_known_whichever_way_the_notes_are_named(tmp_path: Path, monkeypatch) -> None:
    """The same notes named another way (a relative path, an absolute one) find the verdicts a run
    under the other name kept, each pointing at its card with this run's spelling of the path."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# Sigmoid\n\n$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = Workspace.load([notes], cache_dir=cache).verify(device="cpu")
    assert first.counts()["agrees"] == 1
    monkeypatch.chdir(tmp_path)
    named = Workspace.load([Path("notes")], cache_dir=cache)
    known = named.verify(cached_only=True)
    assert [(r.uid, r.verdict) for r in known.results] == [(r.uid, r.verdict) for r in first.results]
    assert [r.source for r in known.results] == [c.source for c in named.cards if c.uid in {r.uid for r in known.results}]
    assert all(not r.source.path.startswith("/") for r in known.results), [r.source for r in known.results]


def test_kept_verdicts_point_at_their_own_files_when_two_folders_hold_files_of_one_name(tmp_path: Path) -> None:
    """``x/a.md`` and ``y/a.md`` checked together: read back from the cache, each verdict names its own file."""
    for folder, notes in (("x", "# Sigmoid\n\n$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$\n"),
                          ("y", "# Tanh\n\nA wrong one, on purpose.\n\n$$\\tanh(x) = \\frac{e^x + e^{-x}}{e^x - e^{-x}}$$\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text(notes, encoding="utf-8")
    cache = tmp_path / "cache"
    paths = [tmp_path / "x", tmp_path / "y"]
    first = Workspace.load(paths, cache_dir=cache).verify(device="cpu")
    again = Workspace.load(paths, cache_dir=cache)
    known = again.verify(cached_only=True)
    sources = {c.uid: c.source for c in again.cards}
    assert len(known.results) == len(first.results) == 2
    assert {r.verdict.value for r in known.results} == {"agrees", "disagrees"}
    for result in known.results:
        assert result.source == sources[result.uid], (result.source, sources[result.uid])


def test_a_kept_verdict_s_words_name_no_path_of_the_run_that_kept_it(tmp_path: Path, monkeypatch) -> None:
    """An update rule that cannot be read says on which line; read back under another name of the notes,
    its words name no path of the first run."""
    notes = tmp_path / "sgd"
    notes.mkdir()
    (notes / "sgd.md").write_text("# SGD\n\n$$g_t = \\nabla f(\\theta_{t-1})$$\n\n$$\\text{else}: g_t = -g_t$$\n\n"
                                  "$$\\theta_t = \\theta_{t-1} - \\gamma g_t$$\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = Workspace.load([notes], cache_dir=cache).verify(device="cpu")
    said = [r for r in first.results if "“else”" in r.detail]
    assert said and all("line 5" in r.detail and "sgd.md" not in r.detail for r in said), [r.detail for r in said]
    monkeypatch.chdir(tmp_path)
    known = Workspace.load([Path("sgd")], cache_dir=cache).verify(cached_only=True)
    assert [r.detail for r in known.results] == [r.detail for r in first.results]
