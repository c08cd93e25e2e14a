"""The key bar, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.widgets import Footer


class QuietFooter(Footer):
    """Textual's footer rebuilds all its keys on every focus change, and opening a step moves the
    focus several times; most moves (one input to the next) leave the shown keys as they were."""

    _composed_for: tuple | None = None

    def _shown_bindings(self) -> tuple:
        return tuple((binding.key, binding.description, binding.action, enabled, tooltip)
                     for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
                     if binding.show)

    async def recompose(self) -> None:
        shown = self._shown_bindings() if self._bindings_ready else None
        if shown is not None and shown == self._composed_for:
            return
        self._composed_for = shown
        await super().recompose()
