"""Build hook: each message catalog ``survey_tui/locale/<tag>.po`` goes into the wheel compiled
as ``<tag>.mo`` too, so an installed package reads it with the standard library's gettext
(a checkout compiles the ``.po`` in memory with Babel instead: survey_tui/core/i18n.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale = Path(self.root) / "survey_tui" / "locale"
        out = Path(tempfile.mkdtemp(prefix="survey-tui-mo-"))
        for po in sorted(locale.glob("*.po")):
            with po.open("rb") as stream:
                catalog = read_po(stream, locale=po.stem)
            compiled = out / f"{po.stem}.mo"
            with compiled.open("wb") as stream:
                write_mo(stream, catalog)
            build_data["force_include"][str(compiled)] = f"survey_tui/locale/{po.stem}.mo"
