"""The JSON Schema of the questionnaire format, derived from the pydantic model."""

from __future__ import annotations

from typing import Any

from survey_tui.core.model import LANGUAGE_MAP_SCHEMA, TEXT_MARKER, TEXT_SCHEMA, Questionnaire

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
            "description": (
                "A label (its value is slugged from it), the label in each declared language "
                "({en: ..., de: ...}: the value comes from the default language's), "
                "or {value, label}."
            ),
            "anyOf": [
                {"type": "string"},
                {"type": "number"},
                {"$ref": "#/$defs/LanguageMap"},
                mapping,
            ],
        }
    # Every shown text: a string, or a map from language tag to string (docs/questionnaires.md).
    defs["Text"] = {"title": "Text", **TEXT_SCHEMA}
    defs["LanguageMap"] = {"title": "LanguageMap", **LANGUAGE_MAP_SCHEMA}
    schema["$defs"] = dict(sorted(defs.items()))
    schema = _with_text_refs(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def _with_text_refs(node: Any) -> Any:
    """``{x-shown-text: true, ...}`` -> ``{$ref: #/$defs/Text, ...}``, everywhere."""
    if isinstance(node, dict):
        if node.get(TEXT_MARKER) is True:
            rest = {k: v for k, v in node.items() if k != TEXT_MARKER}
            return {"$ref": "#/$defs/Text", **{k: _with_text_refs(v) for k, v in rest.items()}}
        return {k: _with_text_refs(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_with_text_refs(item) for item in node]
    return node
