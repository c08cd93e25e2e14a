"""XLIFF 1.2 out of a case and back: one translation unit per free text.

A unit's id is the text's case path; its notes give the field and the request it belongs to;
addresses, identifiers and dates are inline placeholders (``<ph>``); a translation from the
user's memory is offered as a target to review and as an ``alt-trans``. The file's header
carries the case's fingerprint (``phase/@job-id``) so a file is never imported into another case.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..model import LANGUAGES, Case
from .memory import Memory
from .placeholders import Placeholder, Segment, protected_values, split
from .units import Unit, translatable
from .xmlfile import TranslationFileError, local, parse

NS = "urn:oasis:names:tc:xliff:document:1.2"
_XML = "{http://www.w3.org/XML/1998/namespace}"
TOOL = "mla-writer"
MEMORY_ORIGIN = "mla-writer translation memory"
# Target states a CAT tool gives a text nobody has translated yet: left pending on import.
UNTRANSLATED_STATES = frozenset({"new", "needs-translation"})
# Inline elements whose content is native markup of another tool, never words of the text.
_NATIVE = {"bpt", "ept", "it", "bx", "ex", "sub"}


def N_(message: str) -> str:
    return message


INSTRUCTIONS = N_("Translate each text into %(language)s. The tags stand for addresses, identifiers and dates: "
                  "place them where they belong in the sentence; mla-writer puts their values back unchanged.")
IN_REQUEST = N_("Part of request %(id)s: %(kind)s.")
COMMON = N_("Common to every request of the case.")
CASE_REFERENCE = N_("Case reference: %(reference)s")


def case_fingerprint(case: Case) -> str:
    """What tells one case from another across edits: its reference, or its title without one."""
    key = case.reference.strip() or case.title.strip()
    return hashlib.sha256(f"mla-writer case\n{key}".encode()).hexdigest()[:16]


def check_language(case: Case, lang: str) -> None:
    """Refuse a language the case's documents do not print a translation into."""
    if lang not in LANGUAGES:
        raise ValueError(f"'{lang}' is not one of the six UN languages ({', '.join(LANGUAGES)})")
    if lang == case.drafting_language:
        raise ValueError(f"the case is drafted in {lang}: its texts need no translation into it")
    if lang not in case.languages:
        raise ValueError(f"the case's documents are in {' and '.join(case.languages)}, not {lang}: "
                         f"add {lang} to the case's languages first")


@dataclass(frozen=True)
class Exported:
    data: bytes
    units: int
    from_memory: int


def build_xliff(case: Case, lang: str, *, every: bool = False, memory: Memory | None = None,
                original: str = "case.json") -> Exported:
    """The XLIFF 1.2 document of the texts of `case` lacking a translation into `lang` (all of
    them with `every`), with memory matches offered where `memory` has one."""
    from lxml import etree

    from .. import i18n
    from ..labels import REQUEST_KIND

    check_language(case, lang)
    source_lang = case.drafting_language
    t = i18n.translations(source_lang)
    E = _maker(etree)
    root = E("xliff", version="1.2")
    file = etree.SubElement(root, f"{{{NS}}}file", {
        "original": original, "source-language": source_lang, "target-language": lang,
        "datatype": "plaintext", "tool-id": TOOL, "product-name": TOOL, "product-version": __version__})
    header = etree.SubElement(file, f"{{{NS}}}header")
    phases = etree.SubElement(header, f"{{{NS}}}phase-group")
    phase = etree.SubElement(phases, f"{{{NS}}}phase", {
        "phase-name": "export", "process-name": "translation", "tool-id": TOOL, "job-id": case_fingerprint(case)})
    if case.reference.strip():
        etree.SubElement(phase, f"{{{NS}}}note").text = t.gettext(CASE_REFERENCE) % {"reference": case.reference}
    etree.SubElement(header, f"{{{NS}}}tool", {"tool-id": TOOL, "tool-name": TOOL, "tool-version": __version__})
    note = etree.SubElement(header, f"{{{NS}}}note", {"from": TOOL})
    note.text = t.gettext(INSTRUCTIONS) % {"language": i18n.language_name(lang, source_lang)}
    body = etree.SubElement(file, f"{{{NS}}}body")
    values = protected_values(case)
    kinds = {r.id: t.gettext(REQUEST_KIND.short[r.kind]) for r in case.requests}
    units = translatable(case, lang, every=every)
    suggested = 0
    for unit in units:
        suggested += _unit(etree, body, unit, lang, values, memory, source_lang,
                           context=(t.gettext(IN_REQUEST) % {"id": unit.request, "kind": kinds.get(unit.request, "")}
                                    if unit.request else t.gettext(COMMON)))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return Exported(data, len(units), suggested)


def _maker(etree):
    def make(tag: str, **attrs: str):
        return etree.Element(f"{{{NS}}}{tag}", attrs, nsmap={None: NS})
    return make


def _unit(etree, body, unit: Unit, lang: str, values: list[str], memory: Memory | None,
          source_lang: str, *, context: str) -> bool:
    tu = etree.SubElement(body, f"{{{NS}}}trans-unit", {"id": unit.path, "resname": unit.path,
                                                         f"{_XML}space": "preserve"})
    segments = split(unit.source, values)
    _fill(etree, etree.SubElement(tu, f"{{{NS}}}source"), segments)
    existing = unit.text.in_language(lang, source_lang) or ""
    hit = memory.lookup(unit.source, lang, source_lang) if memory is not None and not existing else None
    if existing:
        target = etree.SubElement(tu, f"{{{NS}}}target", {"state": "translated"})
        _fill(etree, target, _matching(existing, segments, values))
    elif hit is not None:
        target = etree.SubElement(tu, f"{{{NS}}}target", {"state": "needs-review-translation",
                                                          "state-qualifier": "leveraged-tm"})
        _fill(etree, target, _matching(hit, segments, values))
    label = unit.label + (f" — {unit.description}" if unit.description else "")
    etree.SubElement(tu, f"{{{NS}}}note", {"from": TOOL}).text = label
    etree.SubElement(tu, f"{{{NS}}}note", {"from": TOOL}).text = context
    if hit is not None:
        alt = etree.SubElement(tu, f"{{{NS}}}alt-trans", {"origin": MEMORY_ORIGIN, "match-quality": "100",
                                                          "tool-id": TOOL})
        _fill(etree, etree.SubElement(alt, f"{{{NS}}}target", {f"{_XML}lang": lang}), _matching(hit, segments, values))
    return hit is not None


def _matching(text: str, source: list[Segment], values: list[str]) -> list[Segment]:
    """`text` (a translation) split as the source is: a value the source protects becomes the
    source's placeholder with the same id; anything else stays words."""
    ids = {s.value: s for s in source if isinstance(s, Placeholder)}
    return [ids.get(s.value, s.value) if isinstance(s, Placeholder) else s for s in split(text, values)]


def _fill(etree, element, segments: list[Segment]) -> None:
    last = None
    for seg in segments:
        if isinstance(seg, Placeholder):
            last = etree.SubElement(element, f"{{{NS}}}ph", {"id": seg.id, "ctype": seg.ctype, "equiv-text": seg.value})
            last.text = seg.value
        elif last is None:
            element.text = (element.text or "") + seg
        else:
            last.tail = (last.tail or "") + seg


# --- reading ------------------------------------------------------------------------------------


@dataclass
class FileUnit:
    """A translation unit as a file holds it: the source with its placeholders' values, and the
    target with each placeholder replaced by the source's value (None: no target)."""

    id: str
    source: str
    target: str | None
    state: str | None
    problem: str | None = None


@dataclass
class XliffDocument:
    source_language: str
    target_language: str
    fingerprint: str | None
    reference: str
    units: list[FileUnit] = field(default_factory=list)


def read_xliff(data: bytes, path: Path | str) -> XliffDocument:
    root = parse(data, path, "XLIFF file")
    if local(root.tag) != "xliff":
        raise TranslationFileError(path, f"is not an XLIFF file (its root element is <{local(root.tag)}>)")
    version = root.get("version", "")
    if not version.startswith("1."):
        raise TranslationFileError(path, f"is XLIFF {version or '(no version)'}; save it from your CAT tool as "
                                         "XLIFF 1.2 and import that")
    files = [e for e in root if local(e.tag) == "file"]
    if not files:
        raise TranslationFileError(path, "holds no <file> element: it has no texts")
    langs = {(f.get("source-language", ""), f.get("target-language", "")) for f in files}
    if len(langs) != 1:
        raise TranslationFileError(path, "mixes several language pairs; import one file per language")
    (source_language, target_language), = langs
    fingerprint, reference = None, ""
    for phase in files[0].iter(f"{{{NS}}}phase", "phase"):
        if phase.get("tool-id") == TOOL:
            fingerprint = phase.get("job-id")
            reference = " ".join("".join(n.itertext()) for n in phase if local(n.tag) == "note")
    doc = XliffDocument(source_language, target_language, fingerprint, reference)
    for file in files:
        for tu in file.iter(f"{{{NS}}}trans-unit", "trans-unit"):
            doc.units.append(_read_unit(tu))
    return doc


def _read_unit(tu) -> FileUnit:
    source_el = next((e for e in tu if local(e.tag) == "source"), None)
    target_el = next((e for e in tu if local(e.tag) == "target"), None)
    unit_id = tu.get("id", "")
    if source_el is None:
        return FileUnit(unit_id, "", None, None, "has no source text")
    values: dict[str, str] = {}
    source = _source_text(source_el, values)
    if target_el is None:
        return FileUnit(unit_id, source, None, None)
    used: set[str] = set()
    unknown: list[str] = []
    target = _target_text(target_el, values, used, unknown)
    unit = FileUnit(unit_id, source, target, target_el.get("state"))
    if unknown:
        unit.problem = f"its translation has a tag the source does not ({', '.join(unknown)})"
    elif target.strip() and set(values) - used:
        missing = sorted(set(values) - used, key=lambda s: int(s) if s.isdigit() else 0)
        unit.problem = (f"its translation leaves out tag {', '.join(missing)} of the source (an address, "
                        "identifier or date): place every tag")
    return unit


def _source_text(element, values: dict[str, str]) -> str:
    parts = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if name == "ph":
            value = child.text or ""
            values[child.get("id", "")] = value
            parts.append(value)
        elif name in ("g", "mrk"):
            parts.append(_source_text(child, values))
        parts.append(child.tail or "")
    return "".join(parts)


def _target_text(element, values: dict[str, str], used: set[str], unknown: list[str]) -> str:
    parts = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if name in ("ph", "x"):
            ident = child.get("id", "")
            if ident in values:
                used.add(ident)
                parts.append(values[ident])
            else:
                unknown.append(ident or "?")
        elif name in ("g", "mrk"):
            parts.append(_target_text(child, values, used, unknown))
        elif name not in _NATIVE:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)

