"""The JSON Schema of the questionnaire format, derived from the pydantic model."""

from __future__ import annotations

from typing import Any

from survey_tui.core.model import Questionnaire

SCHEMA_ID = "https://survey-tui.invalid/questionnaire.schema.json"


def questionnaire_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) for questionnaire YAML files."""
    schema = Questionnaire.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
