"""Drive the official ``anki`` package the way the desktop app imports a deck."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as UC


@dataclass
class ImportCounts:
    new: int
    updated: int
    duplicate: int
    conflicting: int


def import_apkg(col: Collection, apkg: Path) -> ImportCounts:
    log = col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(apkg),
        options=ImportAnkiPackageOptions(
            merge_notetypes=False,
            update_notes=UC.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
            update_notetypes=UC.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
            with_scheduling=False, with_deck_configs=False))).log
    return ImportCounts(len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting))
