"""A cache of JSON values on disk, one file per key: what a notes file gave, its lint findings."""

from __future__ import annotations

import json
from pathlib import Path

from studydeck.text import atomic_write


class FileCache:
    """What one notes file gave, keyed by its bytes and the tool's version; one JSON file per
    entry, so a changed file costs one write and a damaged entry costs one re-parse."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> dict | None:
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def put(self, key: str, value: dict) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.folder / f"{key}.json", json.dumps(value, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # no cache is only a slower build
