"""The one place the wizard gets its interface translations from.

Strings are marked with `_()` where they are shown and with `N_()` where they are defined as
constants (labels, help), so Babel's default keywords extract both. The language is chosen once,
before the app starts (`--ui-language`).
"""

from __future__ import annotations

import gettext

from ..labels import N_

__all__ = ["N_", "_", "set_ui_language", "ui_language"]

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def _load(lang: str) -> gettext.NullTranslations:
    try:
        from ..i18n import translations  # written by the render engineer; may not exist yet
    except ImportError:
        return gettext.NullTranslations()
    try:
        return translations(lang)
    except Exception:  # a missing or broken catalog must not stop the wizard: fall back to English
        return gettext.NullTranslations()


def set_ui_language(lang: str) -> None:
    global _current, _language
    _language = lang
    _current = _load(lang)


def ui_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate a message shown in the interface."""
    return _current.gettext(message) if message else message
