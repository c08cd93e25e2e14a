"""The user's translation memory: translations approved before, offered again for the same text.

One TMX 1.4 file per user (``translation-memory.tmx`` in mla-writer's data folder), the exchange
format every CAT tool reads. It is filled from translations the user approves (an imported XLIFF
file, a case's translations on request) and read when a text needs a translation: the same
source text in the same drafting language gives the translation approved last. ``translate
memory export`` / ``import`` share it in an office.

Texts are matched exactly, with runs of white space counted as one space: a legal text that
differs by a word is another text.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..files import data_dir, write_file
from ..model import LANGUAGES, Case
from .units import needs_translation, translatable
from .xmlfile import TranslationFileError, lang_of, local, parse, read_bytes

MEMORY_FILE = "translation-memory.tmx"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline codes of a TMX segment: native markup of the tool that wrote it, not words.
_CODES = {"bpt", "ept", "it", "ph", "ut"}


def memory_path() -> Path:
    """Where this user's memory is kept."""
    return data_dir() / MEMORY_FILE


def _key(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Memory:
    """Approved translations by (source language, source text) and target language."""

    entries: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    sources: dict[tuple[str, str], str] = field(default_factory=dict)  # the text as first written

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, source: str, source_lang: str, target: str, target_lang: str) -> bool:
        """Remember an approved translation; True when the memory changed."""
        if not source.strip() or not target.strip() or source_lang == target_lang:
            return False
        k = (source_lang, _key(source))
        targets = self.entries.setdefault(k, {})
        self.sources.setdefault(k, source)
        if targets.get(target_lang) == target:
            return False
        targets[target_lang] = target
        return True

    def lookup(self, source: str, target_lang: str, source_lang: str) -> str | None:
        return self.entries.get((source_lang, _key(source)), {}).get(target_lang)

    def items(self) -> Iterator[tuple[str, str, dict[str, str]]]:
        """(source language, source text, {target language: translation}) in a stable order."""
        for k in sorted(self.entries):
            yield k[0], self.sources[k], self.entries[k]

    def merge(self, other: Memory) -> tuple[int, int]:
        """Add `other`'s translations; where both hold a different translation of a text, ours is
        kept. Returns (translations added, translations of ours kept over theirs)."""
        added = kept = 0
        for source_lang, source, targets in other.items():
            for lang, target in sorted(targets.items()):
                ours = self.lookup(source, lang, source_lang)
                if ours is None:
                    added += self.add(source, source_lang, target, lang)
                elif ours != target:
                    kept += 1
        return added, kept


def remember_case(case: Case, memory: Memory) -> int:
    """Add every translation `case` holds to `memory`; how many were new or changed."""
    from ..checks.walk import texts

    changed = 0
    for _, text in texts(case):
        for lang, target in sorted(text.translations.items()):
            changed += memory.add(text.text, case.drafting_language, target, lang)
    return changed


def memory_suggestion(source: str, lang: str, source_lang: str = "en", memory: Memory | None = None) -> str | None:
    """The translation into `lang` approved before for `source` (written in `source_lang`), if any."""
    return (memory if memory is not None else load_memory()).lookup(source, lang, source_lang)


def suggestions(case: Case, lang: str, memory: Memory | None = None) -> dict[str, str]:
    """For each text of `case` still lacking a translation into `lang`: the memory's translation,
    by case path (the wizard pre-fills those rows with a "from memory" mark)."""
    memory = memory if memory is not None else load_memory()
    found = {}
    for unit in translatable(case, lang):
        if needs_translation(unit.text, lang):
            hit = memory.lookup(unit.source, lang, case.drafting_language)
            if hit is not None:
                found[unit.path] = hit
    return found


# --- TMX 1.4 ------------------------------------------------------------------------------------


def to_tmx(memory: Memory) -> bytes:
    from lxml import etree

    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "mla-writer", "creationtoolversion": __version__, "segtype": "paragraph",
        "o-tmf": "mla-writer", "adminlang": "en", "srclang": "*all*", "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    for source_lang, source, targets in memory.items():
        tu = etree.SubElement(body, "tu", srclang=source_lang)
        for lang, text in [(source_lang, source), *sorted(targets.items())]:
            tuv = etree.SubElement(tu, "tuv", {_XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def from_tmx(data: bytes, path: Path | str) -> Memory:
    """The translations of a TMX file between UN languages (any other language is left out)."""
    root = parse(data, path, "TMX file")
    if local(root.tag) != "tmx":
        raise TranslationFileError(path, f"is not a TMX file (its root element is <{local(root.tag)}>, not <tmx>)")
    header = next((e for e in root if local(e.tag) == "header"), None)
    default_src = _un(header.get("srclang", "")) if header is not None else None
    memory = Memory()
    for tu in root.iter("{*}tu", "tu"):
        tuvs: list[tuple[str, str]] = []
        for tuv in tu:
            lang, text = _un(lang_of(tuv)), _seg_text(tuv) if local(tuv.tag) == "tuv" else None
            if lang is not None and text is not None:
                tuvs.append((lang, text))
        src = _un(tu.get("srclang", "")) or default_src or (tuvs[0][0] if tuvs else None)
        source = next((text for lang, text in tuvs if lang == src), None)
        if src is None or source is None:
            continue
        for lang, text in tuvs:
            if lang != src:
                memory.add(source, src, text, lang)
    return memory


def _un(lang: str) -> str | None:
    primary = lang.split("-")[0].split("_")[0].lower()
    return primary if primary in LANGUAGES else None


def _seg_text(tuv) -> str | None:
    seg = next((e for e in tuv if local(e.tag) == "seg"), None)
    return None if seg is None else _words(seg)


def _words(element) -> str:
    """The text of a segment and its highlighted parts, without the inline codes' native markup."""
    parts = [element.text or ""]
    for child in element:
        if local(child.tag) not in _CODES:
            parts.append(_words(child))
        parts.append(child.tail or "")
    return "".join(parts)


def load_memory(path: Path | str | None = None) -> Memory:
    """The memory kept at `path` (default: the user's); an empty one when there is no file yet."""
    path = Path(path) if path is not None else memory_path()
    if not os.path.lexists(path):
        return Memory()
    return from_tmx(read_bytes(path), path)


def save_memory(memory: Memory, path: Path | str | None = None) -> Path:
    """Write the memory (0600, atomically), making the data folder (0700) if needed."""
    path = Path(path) if path is not None else memory_path()
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return write_file(path, to_tmx(memory), force=True)
