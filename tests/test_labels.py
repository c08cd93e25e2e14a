"""Each list of codes is declared once, in the model; the wizard and the documents name exactly
its values, with a label the catalogs translate."""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path
from typing import Annotated, Literal, Union, get_args, get_origin

import pytest
from babel.messages.pofile import read_po
from pydantic import BaseModel

from mla_writer import i18n, labels
from mla_writer.checks.engine import Severity
from mla_writer.model import (
    CATEGORIES_BY_KIND,
    IDENTIFIER_CLASSES,
    REQUEST_CLASSES,
    Case,
    DataItem,
    Delivery,
    Provider,
)
from mla_writer.model.common import Lang
from mla_writer.model.requests import Category
from mla_writer.model.status import Event
from mla_writer.render.templates import Wording
from mla_writer.tui import steps

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"


def _literal_values(annotation: object) -> set[str]:
    """The values a field may take, through Optional, list, Annotated and unions of Literals."""
    origin = get_origin(annotation)
    if origin is Literal:
        return {str(v) for v in get_args(annotation)}
    if origin in (Union, types.UnionType, list, Annotated):
        return set().union(*(_literal_values(a) for a in get_args(annotation)))
    return set()


def _models(annotation: object) -> list[type[BaseModel]]:
    """The model classes a field holds, through Optional, list, Annotated and tagged unions."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in get_args(annotation) for m in _models(a)]


def _field_values(classes: list[type[BaseModel]], keys: list[str]) -> set[str]:
    """What the model allows at a dotted key (no list positions) below any of `classes`."""
    key, rest = keys[0], keys[1:]
    hints = [typing.get_type_hints(c, include_extras=True)[key] for c in classes if key in c.model_fields]
    assert hints, f"{key} is not a field of {[c.__name__ for c in classes]}"
    if not rest:
        return set().union(*(_literal_values(h) for h in hints))
    return _field_values([m for h in hints for m in _models(h)], rest)


def _wizard_pickers(parts, base: tuple[str, ...] = ()):
    """(model key, option codes) for every picker the wizard shows."""
    for part in parts:
        if isinstance(part, steps.Group):
            yield from _wizard_pickers(part.parts, base)
        elif isinstance(part, steps.ListSpec):
            yield from _wizard_pickers(part.parts, base + (part.key,))
        elif isinstance(part, steps.Field) and part.options:
            key = base + tuple(k for k in part.key.split(".") if not k.isdigit())
            yield ".".join(key), [code for code, _label in part.options]


PICKERS = [p for step in steps.STEPS for p in _wizard_pickers(step.parts)]


def test_the_wizard_has_pickers_to_compare():
    keys = {key for key, _codes in PICKERS}
    assert {"drafting_language", "requests.kind", "requests.channel",
            "requests.items.identifier.type", "persons.role"} <= keys


@pytest.mark.parametrize(("key", "codes"), PICKERS, ids=[key for key, _ in PICKERS])
def test_every_wizard_picker_offers_exactly_the_models_values(key, codes):
    assert len(codes) == len(set(codes)), f"{key}: an option is listed twice"
    assert set(codes) == _field_values([Case], key.split("."))


def test_categories_offered_for_each_kind_are_the_models():
    for kind, allowed in CATEGORIES_BY_KIND.items():
        assert [code for code, _ in steps.categories_for(kind)] == list(allowed)
    assert set(steps.CATEGORY_LABELS) == set(get_args(Category))


def test_a_new_identifier_starts_with_the_fields_the_model_requires():
    for kind, blank in steps.NEW_IDENTIFIER.items():
        with pytest.raises(ValueError):  # blank values: the model names each field to fill
            IDENTIFIER_CLASSES[kind](**blank)
        assert set(blank) == {n for n, f in IDENTIFIER_CLASSES[kind].model_fields.items() if f.is_required()}
    assert set(steps.NEW_IDENTIFIER) == set(IDENTIFIER_CLASSES)


# The lists as the model declares them; each table of labels must name exactly these values.
MODEL_LISTS = {
    "language": set(get_args(Lang)),
    "request_kind": set(REQUEST_CLASSES),
    "category": set(get_args(Category)),
    "channel": _field_values([Case], ["requests", "channel"]),
    "identifier_type": _field_values([DataItem], ["identifier", "type"]),
    "authority_kind": _field_values([Case], ["requesting", "authority", "kind"]),
    "role": _field_values([Case], ["persons", "role"]),
    "stage": _field_values([Case], ["proceedings", "stage"]),
    "authorisation": _field_values([Case], ["authorisations", "kind"]),
    "harm": _field_values([Case], ["requests", "harm"]),
    "urgency": _field_values([Case], ["urgency", "level"]),
    "yes_no_unknown": _literal_values(Provider.model_fields["local_presence"].annotation),
    "status": _field_values([Case], ["status"]),
    "testimony": _literal_values(Delivery.model_fields["testimony"].annotation),
    "severity": set(get_args(Severity)),
    "status_event": set(get_args(Event)),
}


def test_every_list_has_its_labels_table():
    assert set(labels.ALL) == set(MODEL_LISTS)


@pytest.mark.parametrize("name", sorted(MODEL_LISTS))
def test_each_table_labels_exactly_the_models_values(name):
    table = labels.ALL[name]
    assert set(table.codes) == MODEL_LISTS[name]
    assert set(table.short) == MODEL_LISTS[name]
    assert not table.document or set(table.document) == MODEL_LISTS[name]


def test_legal_basis_families_have_a_title_or_are_named_by_the_case():
    families = {labels.instrument_family(b) for b in labels.LEGAL_BASIS_IDS}
    assert set(labels.INSTRUMENT) <= families
    assert families - set(labels.INSTRUMENT) == {"bilateral", "regional"}


def test_templates_ask_only_for_lists_that_exist():
    used = set()
    for path in TEMPLATES.rglob("*.j2"):
        used |= set(re.findall(r"\blabels\.(\w+)\(", path.read_text(encoding="utf-8")))
    assert used, "the templates name stored codes through labels.NAME(code)"
    known = set(labels.DOCUMENT_WORDING) | {"classification", "instrument", "missing"}
    assert used <= known, f"templates call unknown lists: {sorted(used - known)}"
    assert not list(TEMPLATES.rglob("_labels.html.j2")), "the words for codes live in mla_writer/labels.py"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_label_is_translated_in_the_catalog(lang):
    """Every word for every code of every list, wizard and documents alike, has a translation."""
    with (ROOT / "locales" / lang / "LC_MESSAGES" / "mla_writer.po").open("rb") as fh:
        catalog = read_po(fh)
    tables = [*(t.short for t in labels.ALL.values()), *labels.DOCUMENT_WORDING.values(),
              labels.CLASSIFICATION, labels.INSTRUMENT, labels.UNNAMED_INSTRUMENT]
    words = Wording(i18n.translations(lang))
    for table in tables:
        for code, msgid in table.items():
            if not msgid:
                continue
            entry = catalog.get(msgid)
            assert entry is not None and entry.string and not entry.fuzzy, f"{lang}: {code} {msgid!r} untranslated"
    for name, table in labels.DOCUMENT_WORDING.items():
        for code, msgid in table.items():
            assert str(getattr(words, name)(code)).strip() or not msgid
