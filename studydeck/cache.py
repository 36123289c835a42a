"""A cache of JSON values on disk, one file per key: what a notes file gave, its lint findings."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

from studydeck.text import atomic_write


# What shapes the cards, fields and findings besides studydeck's own code.
SHAPING_PACKAGES = ("markdown-it-py", "mdit-py-plugins", "pygments", "genanki", "wordfreq", "pypinyin")


@lru_cache(maxsize=1)
def tool_version() -> str:
    """A fingerprint of studydeck's code and the packages that shape its output: a changed
    tool never reuses cached cards, findings or decks."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted(here.rglob("*")):
        if path.suffix in (".py", ".txt") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(here).as_posix().encode())
            digest.update(path.read_bytes())
    for name in SHAPING_PACKAGES:
        version = installed_version(name)
        digest.update((f"{name} absent" if version is None else f"{name}=={version}").encode())
    return digest.hexdigest()[:16]


def _distribution_key(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def installed_version(name: str) -> str | None:
    """The installed version of distribution ``name``, as ``importlib.metadata.version`` gives
    it, or None: the first folder on ``sys.path`` that holds it, the ``Version`` its
    ``*.dist-info/METADATA`` states. Other layouts (a zip, an egg, ``*.egg-info``) are left to
    ``importlib.metadata``, whose import alone costs a quiz's start a tenth of its time."""
    wanted = _distribution_key(name)
    for entry in sys.path:
        listed = _distributions(entry)
        if listed is None:
            if os.path.isfile(entry):
                return _metadata_version(name)  # a zip on the path: importlib.metadata reads those
            continue
        folder = listed.get(wanted)
        if folder is not None:
            stated = _stated_version(os.path.join(entry or ".", folder, "METADATA")) \
                if folder.lower().endswith(".dist-info") else None
            return stated if stated is not None else _metadata_version(name)
    return _metadata_version(name)


@lru_cache(maxsize=None)
def _distributions(entry: str) -> dict[str, str] | None:
    """The metadata folders in one ``sys.path`` entry by distribution name (the first of a
    name, in the folder's order), or None when it is not a folder; listed once per process."""
    try:
        folders = os.listdir(entry or ".")
    except OSError:
        return None
    found: dict[str, str] = {}
    for folder in folders:
        low = folder.lower()
        if low.endswith((".dist-info", ".egg-info", ".egg")):
            found.setdefault(_distribution_key(low.rpartition(".")[0].partition("-")[0]), folder)
    return found


def _stated_version(metadata_file: str) -> str | None:
    """The ``Version:`` header of a METADATA file (its headers end at the first empty line)."""
    try:
        with open(metadata_file, encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    break
                if line.startswith("Version:"):
                    return line[len("Version:"):].strip()
    except (OSError, UnicodeDecodeError):
        pass
    return None


def _metadata_version(name: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


class FileCache:
    """What one notes file gave, keyed by its bytes and the tool's version; one JSON file per
    entry, so a changed file costs one write and a damaged entry costs one re-parse."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.written = False  # whether this run added an entry (and old ones may go)
        self.used: set[str] = set()  # the entries this run read or wrote: never the ones to go

    def get(self, key: str) -> dict | None:
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        self.used.add(key)
        return data if isinstance(data, dict) else None

    def put(self, key: str, value: dict) -> None:
        self.put_text(key, json.dumps(value, ensure_ascii=False))

    def put_text(self, key: str, text: str) -> None:
        """Store a value already encoded as a JSON object."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.folder / f"{key}.json", text.encode("utf-8"), durable=False)
            self.written = True
            self.used.add(key)
        except OSError:
            pass  # no cache is only a slower build

    def prune(self, keep: int) -> None:
        """Keep the ``keep`` most recently written entries, and every entry this run read or wrote;
        a cache is never the only copy."""
        try:
            entries = sorted(os.scandir(self.folder), key=lambda e: e.stat().st_mtime_ns, reverse=True)
        except OSError:
            return
        for entry in entries[keep:]:
            if entry.name.removesuffix(".json") in self.used:
                continue  # (an unchanged file's entry, read this run: its mtime is old, it is not)
            try:
                os.unlink(entry.path)
            except OSError:
                pass
