"""Safe YAML reading that remembers where every value came from.

PyYAML is used only to *compose* a node graph (``yaml.compose`` with the ``SafeLoader``);
we build the Python data ourselves so that we can:

* reject every tag outside plain YAML data (``!!python/...``, custom ``!tags``) without ever
  constructing it;
* detect duplicate mapping keys (PyYAML silently keeps the last one);
* bound alias expansion (a "billion laughs" file fails fast instead of eating memory);
* record the line and column of each value and key, so that later validation errors can
  point at the right line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from survey_tui.core.errors import Problem

MAX_NODES = 100_000
MAX_DEPTH = 64
MAX_BYTES = 5_000_000

Path = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"


@dataclass
class SourceMap:
    """Where each path's value (and, for mapping entries, its key) starts; 1-based."""

    file: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    quoted: dict[Path, bool] = field(default_factory=dict)
    # character span and style of each scalar in ``text``, to place an offset inside a value
    spans: dict[Path, tuple[int, int, str | None]] = field(default_factory=dict)
    text: str = ""

    def locate(self, path: Path, *, key: bool = False) -> tuple[int | None, int | None]:
        """The nearest known position for ``path`` (walking up to its parents)."""
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        probe = path
        while probe:
            probe = probe[:-1]
            if probe in self.values:
                return self.values[probe]
        return (1, 1) if self.values else (None, None)

    def problem(
        self, path: Path, message: str, *, key: bool = False, column_offset: int = 0
    ) -> Problem:
        line, column = self.locate(path, key=key)
        if column is not None and column_offset:
            column += column_offset
        return Problem(self.file, line, column, format_path(path), message)

    def problem_in_value(self, path: Path, value: str, offset: int, message: str) -> Problem:
        """A problem at character ``offset`` of the scalar ``value`` found at ``path``.

        Works for multi-line values too (``>-`` / ``|`` blocks, folded plain or quoted text):
        folding changes only whitespace, so the n-th non-blank character of the value is the
        n-th non-blank character of its source text.
        """
        span = self.spans.get(path)
        if span is None:
            line, column = self.locate(path)
            if column is not None:
                column += offset + (1 if self.quoted.get(path) else 0)
            return Problem(self.file, line, column, format_path(path), message)
        start, end, style = span
        if style in ("|", ">"):
            start = self.text.find("\n", start, end) + 1 or start  # skip the "|-" header
        elif style in ("'", '"'):
            start += 1
        wanted = sum(1 for c in value[:offset] if not c.isspace())
        index = start
        seen = 0
        last_end = start
        while index < end:
            if not self.text[index].isspace():
                if seen == wanted:
                    break
                seen += 1
                last_end = index + 1
            index += 1
        else:
            index = last_end  # the offset is past the last character (e.g. "end of condition")
        line = self.text.count("\n", 0, index) + 1
        column = index - (self.text.rfind("\n", 0, index) + 1) + 1
        return Problem(self.file, line, column, format_path(path), message)


def format_path(path: Path) -> str:
    return ".".join(str(p) for p in path)


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0


class YamlProblems(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def decode(data: bytes, file: str) -> str:
    """UTF-8 text of ``data`` (BOM allowed), or a problem naming the bad byte's position."""
    if len(data) > MAX_BYTES:
        raise YamlProblems([Problem(file, 1, 1, "", f"file is larger than {MAX_BYTES} bytes")])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # What Windows editors call "Unicode": say so rather than blame byte 0xff.
        raise YamlProblems([Problem(file, 1, 1, "", "file is UTF-16: save it as UTF-8")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        message = f"byte 0x{data[exc.start]:02x} is not valid UTF-8: save the file as UTF-8"
        raise YamlProblems([Problem(file, line, column, "", message)]) from None


def _compose(text: str) -> Any:
    """The node graph of ``text``: libyaml's composer when present (about 10x faster on big
    files), else PyYAML's. Any error is reported by PyYAML's own composer, so that messages and
    positions never depend on whether libyaml is installed."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass  # reported below, by the pure-Python composer
    return yaml.compose(text, Loader=yaml.SafeLoader)


def read_yaml(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse ``text`` into plain data plus a :class:`SourceMap`; raise :class:`YamlProblems`."""
    source = SourceMap(file, text=text)
    _check_flow_depth(text, file)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        message = exc.problem or "invalid YAML"
        if mark is not None and 0 <= mark.pointer < len(text) and text[mark.pointer] == "\t":
            message = "tab character: YAML is indented with spaces, never tabs"
        elif exc.context:
            message = f"{message} ({exc.context})"
        raise YamlProblems(
            [Problem(file, line, column, "", f"YAML syntax error: {message}")]
        ) from None
    except yaml.reader.ReaderError as exc:
        # A control character (e.g. NUL) in otherwise valid UTF-8; PyYAML gives an offset.
        line, column = _line_column(text, exc.position)
        message = f"control character U+{int(exc.character):04X} is not allowed in YAML: remove it"
        raise YamlProblems([Problem(file, line, column, "", message)]) from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())  # one line, whatever PyYAML wrote
        raise YamlProblems([Problem(file, 1, 1, "", f"YAML error: {message}")]) from None
    except RecursionError:
        raise YamlProblems([Problem(file, 1, 1, "", "YAML is nested too deeply")]) from None
    if node is None:
        raise YamlProblems(
            [
                Problem(
                    file,
                    1,
                    1,
                    "",
                    "file is empty: a questionnaire needs id, title, version, groups and sections",
                )
            ]
        )
    problems: list[Problem] = []
    data = _build(node, (), source, problems, _Budget(), 0)
    if problems:
        raise YamlProblems(problems)
    return data, source


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


_BRACKETS = re.compile(r"[\[\]{}]")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _check_flow_depth(text: str, file: str) -> None:
    """Refuse deeply nested ``[[[[...`` before PyYAML sees it.

    PyYAML's scanner is quadratic in the flow nesting level (100k brackets take ~25 s) and
    its composer recurses, so the depth limit of :func:`_build` comes too late for these.
    Brackets inside quoted text are counted too; prose never nests 4 x MAX_DEPTH deep.
    """
    limit = 4 * MAX_DEPTH
    brackets = "".join(_BRACKETS.findall(text))
    if brackets.count("[") + brackets.count("{") <= limit:
        return
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth += _DEPTH_STEP[match.group()]
        if depth > limit:
            line, column = _line_column(text, match.start())
            raise YamlProblems(
                [
                    Problem(
                        file, line, column, "", f"document nested too deeply (over {limit} levels)"
                    )
                ]
            )


def _position(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _build(
    node: yaml.Node,
    path: Path,
    source: SourceMap,
    problems: list[Problem],
    budget: _Budget,
    depth: int,
) -> Any:
    budget.nodes += 1
    if budget.nodes > MAX_NODES or depth > MAX_DEPTH:
        problems.append(_too_big(node, path, source, depth))
        raise YamlProblems(problems)
    source.values.setdefault(path, _position(node))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, source, problems)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            _bad_tag(node, path, source, problems)
            return None
        return [
            _build(child, (*path, i), source, problems, budget, depth + 1)
            for i, child in enumerate(node.value)
        ]
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            _bad_tag(node, path, source, problems)
            return None
        return _mapping(node, path, source, problems, budget, depth)
    return None  # pragma: no cover - PyYAML has no other node kinds


def _too_big(node: yaml.Node, path: Path, source: SourceMap, depth: int) -> Problem:
    if depth > MAX_DEPTH:
        line, column = _position(node)
        what = "nested too deeply"
        # A 64-level path is unreadable; show its start only.
        shown = format_path(path[:6]) + ".…"
    else:
        # Through aliases the node sits elsewhere in the file; blame the top-level entry
        # whose expansion ran over the budget instead.
        line, column = source.values.get(path[:1], _position(node))
        what = f"expands to more than {MAX_NODES} values (alias bomb?)"
        shown = format_path(path[:1])
    return Problem(source.file, line, column, shown, f"document {what}")


def _scalar(node: yaml.ScalarNode, path: Path, source: SourceMap, problems: list[Problem]) -> Any:
    tag = node.tag
    if tag == _TIMESTAMP:
        return node.value
    if tag not in _PLAIN_TAGS:
        _bad_tag(node, path, source, problems)
        return None
    source.quoted[path] = node.style in ("'", '"')
    source.spans[path] = (node.start_mark.index, node.end_mark.index, node.style)
    if tag == _BOOL and node.value.lower() not in ("true", "false"):
        # YAML 1.1 reads yes/no/on/off as booleans ("the Norway problem"), which turns
        # `options: [Yes, No]` into [True, False]; keep them as text (YAML 1.2 rules).
        # Boolean fields still accept them: pydantic parses "yes"/"no" as booleans.
        return node.value
    return yaml.SafeLoader.construct_object(_CONSTRUCTOR, node, deep=False)


def _mapping(
    node: yaml.MappingNode,
    path: Path,
    source: SourceMap,
    problems: list[Problem],
    budget: _Budget,
    depth: int,
) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    first_seen: dict[Any, int] = {}
    for key_node, value_node in node.value:
        line, column = _position(key_node)
        refused = _refused_key(key_node)
        if refused:
            problems.append(Problem(source.file, line, column, format_path(path), refused))
            continue
        # Keys are ids and group names: keep the text as written (``on:`` stays "on",
        # ``1:`` stays "1") rather than YAML 1.1's True or 1.
        key = key_node.value
        child_path = (*path, key)
        if key in first_seen:
            message = (
                f"duplicate key {key!r} (first given on line {first_seen[key]}); "
                "YAML would silently keep only the last"
            )
            problems.append(Problem(source.file, line, column, format_path(child_path), message))
            continue
        first_seen[key] = line
        source.keys[child_path] = (line, column)
        result[key] = _build(value_node, child_path, source, problems, budget, depth + 1)
    return result


def _refused_key(key_node: yaml.Node) -> str | None:
    if key_node.tag == "tag:yaml.org,2002:merge":
        return "merge keys (<<) are not supported: write the keys out"
    if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
        return "mapping keys must be plain text"
    return None


def _bad_tag(node: yaml.Node, path: Path, source: SourceMap, problems: list[Problem]) -> None:
    line, column = _position(node)
    problems.append(
        Problem(
            source.file,
            line,
            column,
            format_path(path),
            f"tag {_short_tag(node.tag)!r} is not allowed: "
            "a questionnaire holds plain text, numbers, lists and maps",
        )
    )


def _short_tag(tag: str) -> str:
    """``!!python/...`` as the author wrote it, not PyYAML's expanded ``tag:yaml.org,...``."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


_CONSTRUCTOR = yaml.SafeLoader("")
