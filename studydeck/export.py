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
import os
import re
import sqlite3
import tempfile
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import genanki

from studydeck.errors import OutputError, StateError
from studydeck.model import Card, CardKind
from studydeck.render import RenderEnv, highlight_css, to_html

BASIC_MODEL_ID = 1735_000_001
CLOZE_MODEL_ID = 1735_000_002
BASIC_FIELDS = ("Front", "Back", "Extra", "Computed", "Verdict", "Source")
CLOZE_FIELDS = ("Text", "Back Extra", "Computed", "Verdict", "Source")
STATE_FORMAT = 1
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
.mindmap { overflow-x: auto; }
.mindmap svg { max-width: 100%; height: auto; }
"""

_ANSWER_TAIL = (
    "{{#Computed}}<div class=\"computed {{Verdict}}\">{{Computed}}</div>{{/Computed}}"
    "<div class=source>{{Source}}</div>"
)


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
    notes: int
    cards: int
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    missing_media: list[tuple[Card, str]] = field(default_factory=list)


def safe_tag(text: str) -> str:
    """Anki tags: no spaces, no quotes; ``::`` separates levels."""
    return re.sub(r"[\s\"']+", "_", text.strip()).strip("_") or "_"


def card_tags(card: Card) -> list[str]:
    """The heading path, the kind and the flags, as Anki-safe tags."""
    tags = ["::".join(safe_tag(p) for p in card.deck), f"studydeck::{card.kind.value}"]
    return tags + [f"studydeck::{safe_tag(f)}" for f in card.flags]


def deck_id(name: str) -> int:
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:13], 16)


def note_guid(card: Card) -> str:
    return genanki.guid_for(card.uid)


def card_fields(card: Card, env: RenderEnv, label: str | None = None) -> list[str]:
    source = f"{label or card.source.path}:{card.source.line}"
    computed = to_html(card.computed, env)
    verdict = f"verdict-{card.verdict}" if card.verdict else ""
    if card.kind is CardKind.CLOZE:
        env.cloze = True
        text = to_html(card.front, env)
        env.cloze = False
        return [text, to_html(card.back, env), computed, verdict, source]
    if "mindmap" in card.flags and card.back.strip():
        from studydeck.mindmap.render import card_back
        from studydeck.mindmap.tree import tree_from_markdown

        back = card_back(tree_from_markdown(card.front, card.back))
    else:
        back = to_html(card.back, env)
    return [to_html(card.front, env), back, to_html(card.extra, env), computed, verdict, source]


def write_deck(cards: list[Card], out_path: Path, state_path: Path, *, now: int,
               base_dir: Path | None = None, label: str | None = None,
               verified_on: str | None = None) -> ExportResult:
    """Write ``out_path`` (atomically) and update the state file beside it."""
    state = load_state(state_path)
    models = {False: basic_model(), True: cloze_model()}
    decks: dict[str, genanki.Deck] = {}
    media: dict[str, Path] = {}
    result = ExportResult(out_path, notes=0, cards=0)
    new_state: dict[str, dict] = {}
    notes: list[tuple[genanki.Note, int]] = []
    for card in cards:
        env = RenderEnv(base_dir=base_dir)
        fields = card_fields(card, env, label)
        media.update(env.media)
        result.missing_media.extend((card, src) for src in env.missing)
        is_cloze = card.kind is CardKind.CLOZE
        model = models[is_cloze]
        deck_name = "::".join(card.deck)
        tags = card_tags(card)
        guid = note_guid(card)
        digest = hashlib.sha256(json.dumps([model.model_id, deck_name, fields, tags],
                                           ensure_ascii=False).encode("utf-8")).hexdigest()
        old = state.get(guid)
        if old is None:
            mod = now
            result.new.append(guid)
        elif old["hash"] != digest:
            mod = max(now, int(old["mod"]) + 1)
            result.updated.append(guid)
        else:
            mod = int(old["mod"])
        new_state[guid] = {"hash": digest, "mod": mod}
        note = genanki.Note(model=model, fields=fields, tags=sorted(set(tags)), guid=guid)
        if deck_name not in decks:
            decks[deck_name] = genanki.Deck(deck_id(deck_name), deck_name)
        decks[deck_name].add_note(note)
        notes.append((note, mod))
        result.notes += 1
        result.cards += len(note.cards)
    result.removed = sorted(set(state) - set(new_state))
    timestamp = max((mod for _, mod in notes), default=now)
    package = genanki.Package(list(decks.values()), media_files=[])
    _write_package(package, notes, media, out_path, timestamp)
    save_state(state_path, new_state, verified_on)
    return result


def _write_package(package: genanki.Package, notes: list[tuple[genanki.Note, int]],
                   media: dict[str, Path], out_path: Path, timestamp: int) -> None:
    """Like ``Package.write_to_file``, but reproducible: per-note mod times, fixed zip times."""
    import itertools

    make_folder(out_path.parent)
    with tempfile.TemporaryDirectory(prefix="studydeck-") as tmp:
        db_path = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp) * 1000))
            conn.executemany("UPDATE notes SET mod = ? WHERE guid = ?",
                             [(mod, note.guid) for note, mod in notes])
            conn.execute("UPDATE cards SET mod = (SELECT notes.mod FROM notes WHERE notes.id = cards.nid)")
            conn.commit()
            conn.execute("VACUUM")
        finally:
            conn.close()
        names = sorted(media)
        _atomic_write(out_path, lambda fh: _zip(fh, db_path, names, media))


def make_folder(folder: Path) -> None:
    """Create an output folder, or say in one line why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: is a file, not a folder; choose another with -o") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output directory ({exc.strerror}); "
                          "choose another with -o") from None


def _zip(fh, db_path: Path, names: list[str], media: dict[str, Path]) -> None:
    with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
        def put(arcname: str, data: bytes) -> None:
            info = zipfile.ZipInfo(arcname, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)

        put("collection.anki2", db_path.read_bytes())
        put("media", json.dumps({str(i): n for i, n in enumerate(names)}, ensure_ascii=False).encode())
        for i, name in enumerate(names):
            put(str(i), media[name].read_bytes())


def _atomic_write(path: Path, write) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot write there ({exc.strerror}); choose another with -o") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def load_state(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        notes = data["notes"]
        if data.get("format") != STATE_FORMAT or not isinstance(notes, dict):
            raise ValueError("unknown format")
        for entry in notes.values():
            int(entry["mod"]), str(entry["hash"])
        return notes
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StateError(f"{path}: damaged state file ({exc}); restore it from version control, "
                         "or delete it to treat every note as new") from None


def save_state(path: Path, notes: dict[str, dict], verified_on: str | None = None) -> None:
    data: dict = {"format": STATE_FORMAT, "notes": dict(sorted(notes.items()))}
    if verified_on:
        data["verified_on"] = verified_on  # the device named in the computed answers
    body = json.dumps(data,
                      ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    _atomic_write(path, lambda fh: fh.write(body.encode("utf-8")))
