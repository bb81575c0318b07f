"""The product's use cases, one module each, called by every front end.

The CLI (``survey_tui.commands``), the TUI home and dashboard, ``--plain`` and the web form
never compute a figure, read responses for an analysis or render a report themselves: they
call these functions and show the result, so that the same question asked from two places
gets the same answer (docs/architecture.md, "Layers").

- :mod:`.responses`: the stored responses an analysis reads, and the notes about them;
- :mod:`.analysis`: the gap analysis with the feedback log beside it;
- :mod:`.report`: a report, from responses to Markdown or HTML.

Exporting responses is :func:`survey_tui.core.export.export_responses`; live counts are
:mod:`survey_tui.core.live`; logging a feedback entry is :mod:`survey_tui.core.feedback`.
"""
