"""The key bar, built with the screen and rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer


class QuietFooter(Footer):
    """Textual's footer waits for the first change of bindings to show its keys, then rebuilds
    them all on every focus change. Each rebuild lays out the whole screen again, so this one
    shows the screen's keys straight away and rebuilds only when the keys shown change (moving
    from one input to the next changes nothing here)."""

    _composed_for: tuple | None = None

    def _shown_bindings(self) -> tuple:
        return tuple((binding.key, binding.description, binding.action, enabled, tooltip)
                     for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
                     if binding.show)

    def compose(self) -> ComposeResult:
        self._bindings_ready = True
        self._composed_for = self._shown_bindings()
        yield from super().compose()

    async def recompose(self) -> None:
        if self._shown_bindings() == self._composed_for:
            return
        await super().recompose()
