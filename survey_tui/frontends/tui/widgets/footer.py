"""A Footer that rebuilds its keys only when the keys it would show have changed."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class QuietFooter(Footer):
    """Textual's Footer, minus the rebuild on every focus change when nothing shown changed.

    Textual recomposes the Footer (removing and mounting every key, each restyled) whenever
    the bindings *may* have changed, i.e. on every focus change. Moving from one question's
    field to the next one's rarely changes the keys shown, so that work (and the extra
    layout and paint it causes) is skipped when the keys, their labels and their enabled
    state are the same as in the Footer on screen. What is drawn is unchanged.
    """

    _shown: Any = None  # the signature of the keys on screen
    _pending = False  # a rebuild is scheduled (it reads the bindings when it runs)

    def _signature(self, screen: Screen[Any]) -> Any:
        """Everything the Footer's compose reads from the bindings, as a comparable value."""
        app = self.app
        keys: tuple[tuple[Any, ...], ...] = tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )
        palette = self.show_command_palette and app.ENABLE_COMMAND_PALETTE
        if palette:
            found = screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, tooltip = found
                keys += (("palette", binding.key, binding.description, enabled, tooltip),)
        return (keys, self.compact, palette)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        mine = self.is_attached and screen is self.screen
        if mine and self._pending:
            self._bindings_ready = True
            return  # the rebuild already on its way will show the bindings as they are then
        if mine and self._bindings_ready and self._shown == self._signature(screen):
            return  # the keys on screen are already these
        super().bindings_changed(screen)
        if mine and screen.app.app_focus:
            self._pending = True  # Footer.bindings_changed scheduled a recompose

    def compose(self) -> Any:
        self._pending = False
        if self._bindings_ready:
            self._shown = self._signature(self.screen)
        # The keys' descriptions are message ids ("Next", "Back"): shown in the respondent's
        # language (an app without one, e.g. the dashboard, shows them as they are).
        chosen = getattr(self.app, "words", None)
        for widget in super().compose():
            if chosen is not None and isinstance(widget, FooterKey) and widget.description:
                widget.description = chosen.gettext(widget.description)
                if widget.tooltip and isinstance(widget.tooltip, str):
                    widget.tooltip = chosen.gettext(widget.tooltip)
            yield widget
