"""Reading a user's CSV row by row, with the line each row starts on.

Every CSV the product reads (responses, the feedback log, delivery metrics, translations)
skips blank rows (Excel's ``,,,``) and reports a malformed file (an unterminated quote) at the
line where the bad row starts, which ``csv.reader.line_num`` alone does not give: a quoted
field may span lines.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from survey_tui.core.errors import Problem


def _plain_message(error: csv.Error) -> str:
    return f"not valid CSV ({error})"


def csv_rows(
    file: str,
    text: str,
    problems: list[Problem],
    message: Callable[[csv.Error], str] = _plain_message,
) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank row of ``text`` with the line it starts on. A malformed file ends the
    rows and adds a problem at that line to ``problems``."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for fields in reader:
            line, start = start, reader.line_num + 1
            if any(f.strip() for f in fields):
                yield line, fields
    except csv.Error as error:
        problems.append(Problem(file, start, None, "", message(error)))
