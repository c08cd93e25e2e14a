"""One sandboxed Jinja environment per language, with that language's catalog installed.

Why each setting:
- Sandboxed: templates may come from a folder the user passes (``--templates``); they can read
  the context but cannot reach Python internals.
- Autoescape on, plus ``finalize``: every ``{{ value }}`` is escaped and wrapped in ``<t>`` so
  that the user's ``<``, ``&`` or ``{{`` stay text, and their line breaks and spaces survive.
  User text is data passed to a template, never itself a template.
- Catalog strings are escaped too (see ``_gettext``): wording is text, never markup, so a
  translation cannot break the document structure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import BytecodeCache, FileSystemLoader, StrictUndefined, TemplateError, pass_context
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from .. import i18n
from .. import labels as codes
from ..cache import read_entry, write_entry
from . import values

# Fields that templates use inside the footer text ("Page 1 of 3").
PAGE = Markup('<field name="PAGE"/>')
NUMPAGES = Markup('<field name="NUMPAGES"/>')


def _finalize(value: Any) -> Any:
    """Wrap every printed value in <t> (verbatim user text); None prints as nothing."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return Markup("<t>") + escape(str(value)) + Markup("</t>")


class Language:
    """What a template may ask of the language it is rendered in: formatting and free text."""

    def __init__(self, lang: str, drafting: str) -> None:
        self.code = lang
        self.drafting = drafting
        self.rtl = i18n.is_rtl(lang)
        self._t = i18n.translations(lang)

    # Free text ---------------------------------------------------------------------------
    def free(self, value: Mapping[str, Any] | str | None) -> Markup | str:
        """The user's text in this language, or a visible marker when no translation exists.

        ``value`` is a free-text mapping ``{"text", "translations"}``; its original is in the
        case's drafting language unless it names another ``source_language`` (treaty wording
        from the reference data is English). A plain string is the drafting language.
        """
        if value is None:
            return ""
        if isinstance(value, str):
            value = {"text": value}
        original = value.get("text") or ""
        if not original.strip():
            return ""
        if self.code == value.get("source_language", self.drafting):
            return _finalize(original)
        translated = (value.get("translations") or {}).get(self.code)
        if translated and translated.strip():
            return _finalize(translated)
        return self.pending()

    def treaty_text(self, quotes: Mapping[str, str]) -> Markup | str:
        """Treaty wording in this language where the data quotes an authentic text in it, else the
        authentic English text under a label saying so: never a "translation pending" marker."""
        if quotes.get(self.code):
            return _finalize(quotes[self.code])
        if quotes.get("en"):
            label = escape(self._t.gettext("Authentic English text:"))
            return Markup("<i>") + label + Markup("</i><br/>") + _finalize(quotes["en"])
        return ""

    def free_list(self, items: list[Any] | None) -> Markup:
        """Several free texts, each in this language (or marked), joined as the language lists
        them ("A, B and C", "A、B和C")."""
        shown = [self.free(v) for v in items or []]
        tokens = [f"\ue000{i}\ue001" for i in range(len(shown))]  # private-use: never in a list pattern
        joined = escape(values.join(tokens, self.code))
        for token, item in zip(tokens, shown, strict=True):
            joined = joined.replace(token, item)
        return Markup(joined)

    def names(self, items: list[str] | None) -> Markup | str:
        """Names (kept as typed in every language) joined as this language lists them."""
        return _finalize(values.join(list(items), self.code)) if items else ""

    @staticmethod
    def prose(value: Any) -> bool:
        """True when a value that may be structured (a penalty, a period) was written as free text."""
        return isinstance(value, Mapping) and "text" in value

    def penalty(self, value: Mapping[str, Any] | None) -> Markup | str:
        """A maximum penalty in this language: worded from its structure, or the free text."""
        if not value:
            return ""
        if self.prose(value):
            return self.free(value)
        words = values.penalty(value, self.code, self._t)
        note = value.get("note")
        if words and note:
            return escape(self._t.gettext("%(penalty)s; additional penalty: %(further)s")) % {
                "penalty": _finalize(words), "further": self.free(note)}
        return _finalize(words) if words else self.free(note)

    def period(self, value: Mapping[str, Any]) -> Markup:
        """A structured length of time in this language: "12 months", "12 mois"."""
        return _finalize(values.duration(value, self.code, self._t))

    def languages(self, codes: list[str] | None) -> Markup | str:
        """Working languages by their names in this language."""
        return _finalize(values.language_names(codes, self.code)) if codes else ""

    def pending(self) -> Markup:
        return Markup("<pending>") + escape(self._t.gettext("[translation pending]")) + Markup("</pending>")

    # Formatting ----------------------------------------------------------------------------
    def date(self, value: dt.date | None, form: str = "long") -> str:
        return i18n.format_date(value, self.code, form) if value else ""

    def datetime(self, value: dt.datetime | None) -> str:
        return i18n.format_datetime(value, self.code) if value else ""

    def number(self, value: int | float | None) -> str:
        return i18n.format_number(value, self.code) if value is not None else ""

    def country(self, code: str | None) -> str:
        return i18n.territory_name(code, self.code) if code else ""


class Wording:
    """``labels`` in templates: the words for the codes a case stores, in the language rendered.

    ``{{ labels.category(code) }}`` prints the document wording of a data category (any list of
    ``mla_writer.labels.DOCUMENT_WORDING`` by its name); a code no list knows prints as it is.
    """

    def __init__(self, t: Any) -> None:
        self._t = t

    def _say(self, msgid: str) -> Markup:
        return escape(self._t.gettext(msgid)) if msgid else Markup("")

    def __getattr__(self, name: str) -> Callable[[str], Markup]:
        table = codes.DOCUMENT_WORDING.get(name)
        if table is None:
            raise AttributeError(name)
        return lambda code: self._say(table[code]) if code in table else _finalize(code)

    def classification(self, value: str) -> Markup:
        """The usual security markings in each language; any other marking as the user typed it."""
        msgid = codes.CLASSIFICATION.get(value.strip().upper())
        return self._say(msgid) if msgid else _finalize(value)

    def instrument(self, basis: str, fallback: str | None) -> Markup:
        """The official title of the instrument a legal-basis id refers to, else ``fallback``."""
        msgid = codes.instrument_title(basis)
        return self._say(msgid) if msgid else _finalize(fallback)

    def missing(self) -> Markup:
        """A required value the drafter has not given: a visible gap, never silence."""
        return Markup("<pending>") + escape(self._t.gettext("[to be completed]")) + Markup("</pending>")


def _wrap(variables: dict[str, Any]) -> dict[str, Any]:
    return {k: _finalize(v) for k, v in variables.items()}


def _gettext(t: Any) -> Callable[..., Markup]:
    @pass_context
    def gettext(__context: Any, __string: str, **variables: Any) -> Markup:
        rv = escape(t.gettext(__string))
        return rv % _wrap(variables) if variables else rv.replace("%%", "%")

    return gettext


def _ngettext(t: Any) -> Callable[..., Markup]:
    @pass_context
    def ngettext(__context: Any, __singular: str, __plural: str, __num: int, **variables: Any) -> Markup:
        variables.setdefault("num", __num)
        return escape(t.ngettext(__singular, __plural, __num)) % _wrap(variables)

    return ngettext


# The largest string or list a template may build by multiplication, and the largest power.
MAX_PRODUCT = 1_000_000
MAX_POWER_BITS = 4_096


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox bounds range() but not ``'x' * 10**10`` or ``10**10**8``: a template from
    a user's folder could take the machine's memory. Those operators are checked here."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and \
                    abs(left) > 1 and right * max(abs(left).bit_length(), 1) > MAX_POWER_BITS:
                raise SecurityError(f"the power {left} ** {right} is too large for a template")
            return left**right
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and \
                    len(seq) * max(times, 0) > MAX_PRODUCT:
                raise SecurityError("a template may not build a string or list of more than "
                                    f"{MAX_PRODUCT:,} items by multiplication")
        return left * right


@cache
def environment(lang: str, drafting: str, templates: Path) -> BoundedSandbox:
    """The environment for one language (cached per language, drafting language and folder)."""
    env = BoundedSandbox(
        loader=FileSystemLoader(str(templates)),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        bytecode_cache=_bytecode_cache(),
    )
    t = i18n.translations(lang)
    # Our own callables rather than install_gettext_translations: they escape the catalog text.
    env.globals.update(
        _=_gettext(t), gettext=_gettext(t), ngettext=_ngettext(t),
        L=Language(lang, drafting), labels=Wording(t), PAGE=PAGE, NUMPAGES=NUMPAGES,
    )
    env.policies["ext.i18n.trimmed"] = True
    return env


class SignedBytecodeCache(BytecodeCache):
    """Compiled templates kept as signed cache entries (see ``mla_writer.cache``).

    Compiling is most of a render's time (a render without this cache takes 1.7 times as long),
    and each language's environment would otherwise compile every template again; the
    environments share this cache, so a template is compiled once, ever, until it changes.
    Bytecode is code: only an entry that verifies is loaded, anything else is compiled again.
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def _name(self, bucket: Bucket) -> str:
        return f"{bucket.key}.bytecode"

    def load_bytecode(self, bucket: Bucket) -> None:
        payload = read_entry(self.folder, self._name(bucket))
        if payload is not None:
            try:
                bucket.bytecode_from_string(payload)  # checks Jinja's magic and the source's checksum
            except Exception:  # signed but not loadable: compiled again
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        write_entry(self.folder, self._name(bucket), bucket.bytecode_to_string())


@cache
def _bytecode_cache() -> SignedBytecodeCache:
    return SignedBytecodeCache(f"jinja-{jinja2.__version__}")


def render_template(name: str, lang: str, drafting: str, templates: Path, context: Mapping[str, Any]) -> str:
    env = environment(lang, drafting, templates)
    try:
        return env.get_template(name).render(**context)
    except (TemplateError, OverflowError, MemoryError, RecursionError) as e:
        # The sandbox signals a refused operation (range too big, result too large) with these.
        raise TemplateRenderError(f"template {name} ({lang}): {type(e).__name__}: {e}") from None


class TemplateRenderError(ValueError):
    pass
