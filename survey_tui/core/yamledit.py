"""Edit the texts of a questionnaire file in place, keeping everything else as it was.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and block scalars; this
module finds the indentation that reproduces the file byte for byte, then sets one
language's text at given places: a plain string becomes a ``{default: ..., tag: ...}`` map, a
language map gets the tag in declared order. The loader reads files with PyYAML (YAML 1.1),
so a new string that PyYAML would read as something else (``No``, ``on``, ``1:30``) is quoted.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml as pyyaml

# Indentation styles tried in turn (mapping, sequence, offset): the first that reproduces
# the file is used; the project's own style first.
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (3, 3, 0))
# A new map from a plain string is written inline ({en: ..., de: ...}) when this short.
_FLOW_WIDTH = 70
# A folded (``>``) translation is wrapped at this many characters, as the shipped files are.
FOLD_WIDTH = 88
_RESOLVER = pyyaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class Edit:
    """Set the ``tag`` text of the shown text at ``path`` to ``text``."""

    path: tuple[str | int, ...]
    tag: str
    text: str


def _round_trip(text: str) -> tuple[Any, Any]:
    """A ruamel YAML instance that dumps ``text`` back unchanged (when one does), and its tree."""
    from ruamel.yaml import YAML

    first: tuple[Any, Any] | None = None
    for mapping, sequence, offset in _INDENTS:
        handler = YAML()
        handler.preserve_quotes = True
        handler.width = 4096  # never re-wrap a long line
        handler.indent(mapping=mapping, sequence=sequence, offset=offset)
        tree = handler.load(text)
        if dump(handler, tree) == text:
            return handler, tree
        first = first or (handler, handler.load(text))
    assert first is not None
    return first


def dump(handler: Any, tree: Any) -> str:
    out = io.StringIO()
    handler.dump(tree, out)
    return out.getvalue()


def _styled(text: str, like: Any) -> Any:
    """``text`` as a scalar in the style of ``like`` (the text it translates or replaces)."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    if isinstance(like, LiteralScalarString) or "\n" in text.rstrip("\n"):
        return LiteralScalarString(text)
    if isinstance(like, FoldedScalarString):
        folded = FoldedScalarString(text)
        folded.fold_pos = fold_positions(text)
        return folded
    if isinstance(like, SingleQuotedScalarString):
        return SingleQuotedScalarString(text)
    if isinstance(like, DoubleQuotedScalarString) or not _plain_is_text(text):
        return DoubleQuotedScalarString(text)
    return text


def fold_positions(text: str, width: int = FOLD_WIDTH) -> list[int]:
    """Where a folded (``>``) scalar breaks its lines: at the last space that keeps each line
    within ``width`` (a word longer than that gets a line of its own)."""
    positions: list[int] = []
    start = 0
    last_space = -1
    for index, char in enumerate(text):
        if char == "\n":
            start, last_space = index + 1, -1
        elif char == " " and " " not in text[index - 1 : index + 2 : 2]:
            # A break beside a second space would start a more-indented (kept) line.
            if index - start > width and last_space > start:
                positions.append(last_space)
                start = last_space + 1
            last_space = index
    if len(text.rstrip("\n")) - start > width and last_space > start:
        positions.append(last_space)
    return positions


def _plain_is_text(text: str) -> bool:
    """Whether PyYAML reads ``text`` written plain as this string (not a bool, number...)."""
    resolved = _RESOLVER.resolve(pyyaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(resolved == _STR_TAG)


def _is_flow(node: Any) -> bool:
    fa = getattr(node, "fa", None)
    return bool(fa is not None and fa.flow_style())


def _set(node: Any, edit: Edit, languages: Sequence[str]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    parent = node
    for part in edit.path[:-1]:
        parent = parent[part]
    key = edit.path[-1]
    current = parent[key]
    default = languages[0]
    if isinstance(current, CommentedMap):
        like = current.get(edit.tag, current.get(default))
        if edit.tag in current:
            current[edit.tag] = _styled(edit.text, like)
            return
        order = {tag: i for i, tag in enumerate(languages)}
        mine = order.get(edit.tag, len(order))
        keys = list(current)
        position = next(
            (i for i, k in enumerate(keys) if order.get(str(k), len(order)) > mine), len(keys)
        )
        current.insert(position, edit.tag, _styled(edit.text, like))
        return
    texts = CommentedMap()
    texts[default] = current
    texts[edit.tag] = _styled(edit.text, current)
    short = len(str(current)) + len(edit.text) <= _FLOW_WIDTH
    one_line = "\n" not in str(current).rstrip("\n") + edit.text.rstrip("\n")
    if isinstance(parent, CommentedSeq) and _is_flow(parent):
        # [Yes, No] with maps inside reads better one item a line.
        parent.fa.set_block_style()
    if (short and one_line) or (isinstance(parent, CommentedMap) and _is_flow(parent)):
        texts.fa.set_flow_style()
    else:
        # The comments after the text (on its line, and whole lines below it) follow the
        # last text of the block map; left on the key they would land after "key:".
        comment = parent.ca.items.pop(key, None)
        # A sequence keeps an item's comment first, a mapping third (after key and value).
        token = comment[0] if isinstance(parent, CommentedSeq) and comment else None
        if comment is not None and isinstance(parent, CommentedMap):
            token = comment[2]
        if token is not None:
            texts.ca.items[edit.tag] = [None, None, token, None]
    parent[key] = texts


def set_texts(text: str, edits: Sequence[Edit], languages: Sequence[str]) -> str:
    """``text`` (a YAML file) with ``edits`` applied; unchanged when there are none."""
    if not edits:
        return text
    handler, tree = _round_trip(text)
    for edit in edits:
        _set(tree, edit, languages)
    return dump(handler, tree)
