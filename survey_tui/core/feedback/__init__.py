"""The feedback log: concrete AI events logged in seconds between survey rounds.

One home per use case (docs/feedback-log.md): :mod:`.validate` checks a questionnaire's
``feedback_log:`` block, :mod:`.entries` makes, stores and undoes an entry, :mod:`.tokens`
keeps the device's contributor token and the last choices, :mod:`.csvlog` brings entries in
and out as CSV, :mod:`.figures` is the ``log`` section of the analysis and :mod:`.audit`
withholds what could be subtracted, :mod:`.live` counts entries for the dashboard.
"""

LOG_TABLE = "log_entries"
