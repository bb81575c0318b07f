"""The JSON Schema of the questionnaire format, derived from the pydantic model."""

from __future__ import annotations

from typing import Any

from survey_tui.core.model import Questionnaire

SCHEMA_ID = "https://survey-tui.invalid/questionnaire.schema.json"


def questionnaire_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) for questionnaire YAML files."""
    schema = Questionnaire.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    if "Option" in defs:
        # The loader also takes an option as a bare label (`options: [Yes, No]`, even numbers),
        # which pydantic's schema cannot see (a before-validator turns them into mappings).
        mapping = {k: v for k, v in defs["Option"].items() if k != "title"}
        defs["Option"] = {
            "title": "Option",
            "description": "A label (its value is slugged from it), or {value, label}.",
            "anyOf": [{"type": "string"}, {"type": "number"}, mapping],
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
