"""Key binding descriptions are constants (marked N_); show them in the interface language."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from .i18n import _


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding's description by its translation, for this node only."""
    node._bindings.key_to_bindings = {
        key: [replace(b, description=_(b.description), tooltip=_(b.tooltip)) for b in bindings]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
