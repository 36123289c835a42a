"""Cards -> an Anki ``.apkg`` (genanki) that updates in place on re-import.

Three things make re-import safe (see the Anki facts in the README):

* a note's GUID comes from its identity (document, deck path, key), never its text;
* its mod time is when its content last changed, kept in a state file beside the deck,
  so Anki's "update if newer" takes exactly the changed notes;
* the model ids and field lists below are frozen: changing a field list under the same id
  makes Anki skip every existing note as "conflicting". Add a new model instead.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import genanki
from genanki.util import BASE91_TABLE

from studydeck.errors import OutputError, StateError
from studydeck.exercise import Exercise
from studydeck.exercise_note import exercise_model, exercise_note
from studydeck.model import Card, CardKind
from studydeck.printed import SHOWN_OUTPUT
from studydeck.render import RenderEnv, highlight_css, to_html
from studydeck.text import atomic_write, clean_name, remove_stale_temps
from studydeck.verify.messages import answer_markdown
from studydeck.verify.result import Result

BASIC_MODEL_ID = 1735_000_001
CLOZE_MODEL_ID = 1735_000_002
BASIC_FIELDS = ("Front", "Back", "Extra", "Computed", "Verdict", "Source")
CLOZE_FIELDS = ("Text", "Back Extra", "Computed", "Verdict", "Source")
STATE_FORMAT = 2
STATE_FORMATS = (1, 2)  # 1: GUIDs from positional keys, read to keep them
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

CSS = """
.card { font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif;
        font-size: 20px; text-align: left; color: #222; background: #fff; line-height: 1.5; }
.nightMode.card, .night_mode .card { color: #eee; background: #1e1e1e; }
.extra { margin-top: 1em; font-size: 0.9em; color: #555; }
.computed { margin-top: 1em; padding: .5em; border-left: 4px solid #4a8; font-size: 0.9em; }
.verdict-disagrees { border-left-color: #c33; }
.source { margin-top: 1.5em; font-size: 0.7em; color: #999; font-family: monospace; }
.cloze { font-weight: bold; color: #06c; }
.highlight pre { padding: .6em; overflow-x: auto; font-size: 0.8em; background: #f6f8fa; }
.missing-image { color: #c33; }
.original { margin-top: .5em; font-size: 0.75em; color: #777; }
.mindmap { overflow-x: auto; }
.mindmap svg { max-width: 100%; height: auto; }
"""

_ANSWER_TAIL = (
    "{{#Computed}}<div class=\"computed {{Verdict}}\">{{Computed}}</div>{{/Computed}}"
    "<div class=source>{{Source}}</div>"
)


@lru_cache(maxsize=1)  # genanki works out a model's required fields by rendering its template: once
def basic_model() -> genanki.Model:
    return genanki.Model(
        BASIC_MODEL_ID, "studydeck",
        fields=[{"name": n} for n in BASIC_FIELDS],
        templates=[{
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"
                    "{{#Extra}}<div class=extra>{{Extra}}</div>{{/Extra}}" + _ANSWER_TAIL,
        }],
        css=CSS + highlight_css(),
    )


@lru_cache(maxsize=1)
def cloze_model() -> genanki.Model:
    return genanki.Model(
        CLOZE_MODEL_ID, "studydeck cloze",
        fields=[{"name": n} for n in CLOZE_FIELDS],
        templates=[{
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}{{#Back Extra}}<div class=extra>{{Back Extra}}</div>{{/Back Extra}}"
                    + _ANSWER_TAIL,
        }],
        css=CSS + highlight_css(),
        model_type=genanki.Model.CLOZE,
    )


@dataclass
class ExportResult:
    path: Path
    state_path: Path
    notes: int
    cards: int
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    missing_media: list[tuple[Card, str]] = field(default_factory=list)
    inputs: str = ""  # a digest of what the deck was written from


def safe_tag(text: str) -> str:
    """Anki tags: no spaces, no quotes, nothing invisible; ``::`` separates levels."""
    return re.sub(r"[\s\"']+", "_", clean_name(text)).strip("_") or "_"


# Flags that carry data for the verifier (the output pasted under a block, a signature's
# parameters), not marks a learner would filter by: no tags.
DATA_FLAGS = (SHOWN_OUTPUT, "signature:")


def card_tags(card: Card) -> list[str]:
    """The heading path, the kind and the flags, as Anki-safe tags: each once, sorted."""
    return list(_tags(card.deck, card.kind, card.flags))


@lru_cache(maxsize=1 << 12)  # the cards of a section mostly share all three
def _tags(deck: tuple[str, ...], kind: CardKind, flags: tuple[str, ...]) -> tuple[str, ...]:
    tags = [_path_tag(deck), f"studydeck::{kind.value}"] + [f"studydeck::{safe_tag(f)}" for f in flags
                                                             if not f.startswith(DATA_FLAGS)]
    return tuple(sorted(set(tags)))


@lru_cache(maxsize=1 << 12)  # a section's cards share their heading path
def _path_tag(path: tuple[str, ...]) -> str:
    return "::".join(safe_tag(p) for p in path)


@lru_cache(maxsize=1 << 12)
def deck_name(path: tuple[str, ...]) -> str:
    """An Anki deck path: each heading cleaned of invisible characters, ``::`` between levels."""
    return "::".join(clean_name(p).replace("::", ":") or "_" for p in path)


@lru_cache(maxsize=1 << 12)
def deck_id(name: str) -> int:
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:13], 16)


def card_fields(card: Card, env: RenderEnv, label: str | None = None, result: Result | None = None,
                readings: dict[str, str] | None = None) -> list[str]:
    source = f"{label or card.source.path}:{card.source.line}"
    computed = to_html(answer_markdown(result, card.lang), env) if result is not None else ""
    verdict = f"verdict-{result.verdict.value}" if result is not None else ""
    if card.kind is CardKind.CLOZE:
        env.cloze = True
        text = to_html(card.front, env)
        env.cloze = False
        return [text, to_html(card.back, env), computed, verdict, source]
    if "mindmap" in card.flags and card.back.strip():
        from studydeck.mindmap.render import card_back
        from studydeck.mindmap.tree import tree_from_markdown

        from studydeck.terminal import with_readings

        back = card_back(tree_from_markdown(card.front, with_readings(card.back, readings or {})))
    elif card.plain_formula and result is not None and result.reading:
        # the reading the verifier took, with the notes' own text beneath it
        back = to_html(f"$${result.reading}$$", env) + f"<div class=original>{to_html(card.back, env)}</div>"
    else:
        back = to_html(card.back, env)
    return [to_html(card.front, env), back, to_html(card.extra, env), computed, verdict, source]


def assign_guids(cards: list[Card], state: dict[str, dict]) -> dict[str, str]:
    """Each card's note GUID: the one the state file already gave its identity, else (a state
    file from before identities were kept) the GUID its legacy key had, else a new one from
    its identity. A GUID is given once per deck."""
    by_uid = {entry["uid"]: guid for guid, entry in state.items() if entry.get("uid")}
    taken: set[str] = set()
    out: dict[str, str] = {}
    for card in cards:
        guid = by_uid.get(card.uid)
        if guid is None and state and card.legacy_uid is not None:
            legacy = note_guid(card.legacy_uid)
            if legacy in state and not state[legacy].get("uid"):
                guid = legacy
        if guid is None or guid in taken:
            guid = note_guid(card.uid)
        taken.add(guid)
        out[card.uid] = guid
    return out


def note_guid(key: str) -> str:
    """``genanki.guid_for(key)``, the same text, made with fewer steps: the first 8 bytes of
    the key's SHA-256 as a number, written in Anki's base 91."""
    number = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    digits = []
    while number:
        number, digit = divmod(number, 91)
        digits.append(_BASE91[digit])
    return "".join(reversed(digits))


_BASE91 = "".join(BASE91_TABLE)


def write_deck(cards: list[Card], out_path: Path, state_path: Path, *, now: int,
               base_dir: Path | None = None, media_root: Path | None = None, label: str | None = None,
               results: dict[str, Result] | None = None, exercises: list[Exercise] = (),
               verified_on: str | None = None) -> ExportResult:
    """Write ``out_path`` (atomically) and update the state file beside it."""
    state = load_state(state_path)
    guids = assign_guids(cards, state)
    results = results or {}
    models = {False: basic_model(), True: cloze_model()}
    media: dict[str, Path] = {}
    result = ExportResult(out_path, state_path, notes=0, cards=0)
    new_state: dict[str, dict] = {}
    notes: list[_Note] = []

    def add(model: genanki.Model, fields: list[str], tags: list[str], guid: str, name: str, uid: str) -> None:
        digest = hashlib.sha256(_NOTE_JSON.encode([model.model_id, name, fields, tags]).encode("utf-8")).hexdigest()
        old = state.get(guid)
        if old is None:
            mod = now
            result.new.append(guid)
        elif old["hash"] != digest:
            mod = max(now, int(old["mod"]) + 1)
            result.updated.append(guid)
        else:
            mod = int(old["mod"])
        new_state[guid] = {"hash": digest, "mod": mod, "uid": uid}
        note = _Note(model, fields, tags, guid, name, mod, card_ords(model, fields))
        notes.append(note)
        result.notes += 1
        result.cards += len(note.ords)

    from studydeck.terminal import plain_readings

    readings = plain_readings(cards, results)
    for card in cards:
        env = RenderEnv(base_dir=base_dir, root=media_root)
        fields = card_fields(card, env, label, results.get(card.uid), readings)
        media.update(env.media)
        result.missing_media.extend((card, src) for src in env.missing)
        add(models[card.kind is CardKind.CLOZE], fields, card_tags(card), guids[card.uid], deck_name(card.deck),
            card.uid)
    if exercises:
        models["exercise"] = exercise_model()
    for ex in exercises:
        note = exercise_note(ex, label)
        add(models["exercise"], note.fields, list(note.tags), note.guid, deck_name(ex.subdeck), ex.uid)
    for guid, entry in state.items():
        if not entry.get("uid") and guid not in new_state:
            new_state[guid] = entry  # an old note no card claims yet: kept, so its GUID can still be
    result.removed = sorted(set(state) - set(new_state))
    _write_package(list(models.values()), notes, media, out_path)
    save_state(state_path, new_state, verified_on)
    return result


class _Note(NamedTuple):
    """One note as the package stores it: what a ``genanki.Note`` would write, with its mod
    time, its deck and the ordinals of its cards."""
    model: genanki.Model
    fields: list[str]
    tags: list[str]
    guid: str
    deck: str
    mod: int
    ords: list[int]


def card_ords(model: genanki.Model, fields: list[str]) -> list[int]:
    """The cards of a note, by template ordinal, as ``genanki.Note(model, fields).cards`` makes
    them (genanki 0.13): a front/back template whose required fields are filled, or one card
    per cloze number (as genanki collects them, in a set's order). A note without one has none."""
    if model.model_type == genanki.Model.CLOZE:
        ords: set[int] = set()
        qfmt = model.templates[0]["qfmt"]
        for name in set(re.findall(r"{{[^}]*?cloze:(?:[^}]?:)*(.+?)}}", qfmt) + re.findall("<%cloze:(.+?)%>", qfmt)):
            index = next((i for i, f in enumerate(model.fields) if f["name"] == name), -1)
            value = fields[index] if index >= 0 else ""
            ords.update(int(m) - 1 for m in re.findall(r"{{c(\d+)::.+?}}", value, re.DOTALL) if int(m) > 0)
        return list(ords)
    return [ord_ for ord_, which, required in model._req
            if (all if which == "all" else any)(fields[i] for i in required)]


def _write_package(models: list[genanki.Model], notes: list[_Note], media: dict[str, Path], out_path: Path) -> None:
    """An .apkg written in one pass, reproducibly: each note stamped with its own mod time,
    the deck and model lists written once, fixed zip times."""
    import itertools

    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA

    make_folder(out_path.parent)
    remove_stale_temps(out_path.parent, out_path.name)
    timestamp = max((note.mod for note in notes), default=0)
    ids = itertools.count(int(timestamp) * 1000)
    # built in memory: a temporary database on disk costs a sync per statement script
    conn = sqlite3.connect(":memory:")
    try:
        cur = conn.cursor()
        cur.executescript(APKG_SCHEMA)
        cur.executescript(APKG_COL)
        decks = json.loads(cur.execute("SELECT decks FROM col").fetchone()[0])
        for name in dict.fromkeys(note.deck for note in notes):
            decks[str(deck_id(name))] = genanki.Deck(deck_id(name), name).to_json()
        model_json = json.loads(cur.execute("SELECT models FROM col").fetchone()[0])
        first_deck = deck_id(notes[0].deck) if notes else 1
        model_json.update({str(m.model_id): m.to_json(timestamp, first_deck) for m in models})
        cur.execute("UPDATE col SET decks = ?, models = ?", (json.dumps(decks), json.dumps(model_json)))
        _insert_notes(cur, notes, ids)
        conn.commit()
        conn.execute("VACUUM")
        collection = conn.serialize()
    finally:
        conn.close()
    names = sorted(media)
    try:
        atomic_write(out_path, lambda fh: _zip(fh, collection, names, media))
    except OSError as exc:
        raise OutputError(f"{out_path}: cannot be written ({exc.strerror}); free some space or "
                          "choose another folder with -o") from None


def _insert_notes(cur: sqlite3.Cursor, notes: list[_Note], ids) -> None:
    """The rows genanki's ``Note.write_to_db`` writes for each note (a note's id, then its
    cards' ids, from ``ids``), inserted a table at a time: its per-note checks and statements
    cost more than the rows (the HTML check only warns, and the warnings were not shown)."""
    note_rows, card_rows = [], []
    for note in notes:
        nid = next(ids)
        note_rows.append((nid, note.guid, note.model.model_id, note.mod, -1, " " + " ".join(note.tags) + " ",
                          "\x1f".join(note.fields), note.fields[note.model.sort_field_index], 0, 0, ""))
        did = deck_id(note.deck)
        card_rows.extend((next(ids), nid, did, ord_, note.mod, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "")
                         for ord_ in note.ords)
    cur.executemany("INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)", note_rows)
    cur.executemany("INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", card_rows)


def make_folder(folder: Path) -> None:
    """Create an output folder, or say in one line why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: is a file, not a folder; choose another with -o") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output directory ({exc.strerror}); "
                          "choose another with -o") from None


def _zip(fh, collection: bytes, names: list[str], media: dict[str, Path]) -> None:
    with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
        def put(arcname: str, data: bytes) -> None:
            info = zipfile.ZipInfo(arcname, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)

        put("collection.anki2", collection)
        put("media", json.dumps({str(i): n for i, n in enumerate(names)}, ensure_ascii=False).encode())
        for i, name in enumerate(names):
            put(str(i), media[name].read_bytes())


# one encoder for every note: json.dumps with options makes a new one per call
_NOTE_JSON = json.JSONEncoder(ensure_ascii=False)
_SCALARS = (str, int, float, bool, type(None))


def dumps_indented(value, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)`` at ``depth``, the
    same text, but made by the C encoder (which json.dumps uses only without ``indent``): a
    state file holds an entry per note and is committed, so its bytes must not change."""
    if not isinstance(value, dict) or not value or not all(isinstance(k, str) for k in value):
        # JSON text holds no raw newline, so indenting its lines shifts it whole
        return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n" + " " * depth)
    inner = " " * (depth + 1)
    if all(type(v) in _SCALARS for v in value.values()):
        flat = _indenting_encoder(depth + 1).encode(value)
        return "{\n" + inner + flat[1:-1] + "\n" + " " * depth + "}"
    items = [f"{inner}{_NOTE_JSON.encode(k)}: {dumps_indented(v, depth + 1)}" for k, v in sorted(value.items())]
    return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"


@lru_cache(maxsize=None)
def _indenting_encoder(depth: int) -> json.JSONEncoder:
    """A C encoder whose separator between items is the line break and indent of ``depth``."""
    return json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",\n" + " " * depth, ": "))


def load_state(path: Path) -> dict[str, dict]:
    """GUID -> {hash, mod, uid}. Format 1 (before identities were kept) has no ``uid``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise StateError(f"{path}: is a folder, not a state file; move it away and build again") from None
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or "not UTF-8"
        raise StateError(f"{path}: cannot read the state file ({why}); fix its permissions, "
                         "or delete it to treat every note as new") from None
    try:
        data = json.loads(text)
        notes = data["notes"]
        if data.get("format") not in STATE_FORMATS or not isinstance(notes, dict):
            raise ValueError("unknown format")
        for entry in notes.values():
            if not (isinstance(entry["mod"], int) and isinstance(entry["hash"], str)
                    and isinstance(entry.get("uid", ""), str)):
                raise ValueError("an entry is not {mod: int, hash: text, uid: text}")
        return notes
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as exc:
        raise StateError(f"{path}: damaged state file ({exc}); restore it from version control, "
                         "or delete it to treat every note as new") from None


def save_state(path: Path, notes: dict[str, dict], verified_on: str | None = None) -> None:
    data: dict = {"format": STATE_FORMAT, "notes": dict(sorted(notes.items()))}
    if verified_on:
        data["verified_on"] = verified_on  # the device named in the computed answers
    body = dumps_indented(data) + "\n"
    remove_stale_temps(path.parent, path.name)
    try:
        atomic_write(path, body.encode("utf-8"))
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror}); free some space or "
                          "choose another folder with -o") from None
