"""Report rendering: the analysis dict through a sandboxed Jinja2 template.

Jinja2 is imported lazily (inside :func:`render`) so that importing this package stays cheap.
"""

from __future__ import annotations

from survey_tui.core.reports.context import build_context
from survey_tui.core.reports.render import render

__all__ = ["build_context", "render"]
