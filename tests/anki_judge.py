"""The real Anki (the `anki` package) as the judge of an exported deck: import it, read back what Anki holds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest


@dataclass(frozen=True)
class AnkiNote:
    guid: str
    fields: dict[str, str]
    notetype: str
    card_templates: tuple[str, ...]  # the names of the templates its cards come from, in order
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Imported:
    new: int
    updated: int
    duplicate: int
    conflicting: int


class AnkiCollection:
    """A fresh Anki collection in a folder of the test's own."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.col = Collection(str(folder / "collection.anki2"))

    def import_deck(self, apkg: Path) -> Imported:
        """As Anki's own import dialog does, with its defaults (update notes when the import is newer)."""
        request = ImportAnkiPackageRequest(package_path=str(apkg.resolve()), options=ImportAnkiPackageOptions())
        log = self.col.import_anki_package(request).log
        return Imported(len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting))

    def notes(self) -> list[AnkiNote]:
        found = []
        for note_id in self.col.find_notes(""):
            note = self.col.get_note(note_id)
            notetype = note.note_type()
            assert notetype is not None
            templates = tuple(notetype["tmpls"][card.ord]["name"] for card in note.cards())
            found.append(AnkiNote(note.guid, dict(note.items()), notetype["name"], templates, tuple(note.tags)))
        return found

    def card_count(self) -> int:
        return self.col.card_count()

    def deck_names(self) -> list[str]:
        return [deck.name for deck in self.col.decks.all_names_and_ids()]

    def close(self) -> None:
        self.col.close()
