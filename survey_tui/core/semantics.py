"""Cross-field rules of docs/questionnaires.md that a schema alone cannot express."""

from __future__ import annotations

import math
from typing import Any

from survey_tui.core import model as qm
from survey_tui.core.conditions import (
    Compare,
    ConditionSyntaxError,
    ListLiteral,
    Literal,
    Name,
    may_show_for_group,
    parse,
)
from survey_tui.core.errors import Problem, suggest
from survey_tui.core.feedback.validate import log_problems
from survey_tui.core.yamlsource import Path, SourceMap


def check(q: qm.Questionnaire, source: SourceMap) -> list[Problem]:
    """Every cross-reference problem in ``q``, located in ``source``."""
    return _Checker(q, source).run()


class _Checker:
    def __init__(self, q: qm.Questionnaire, source: SourceMap):
        self.q = q
        self.source = source
        self.problems: list[Problem] = []
        self.group_ids = q.group_ids
        # Every question id, computed once: conditions ask "is this a later question?" often.
        self.all_ids = {question.id for question in q.questions()}

    def add(self, path: Path, message: str, *, key: bool = False, column_offset: int = 0) -> None:
        self.problems.append(
            self.source.problem(path, message, key=key, column_offset=column_offset)
        )

    def unknown_group(self, gid: str) -> str:
        """'unknown group' with a did-you-mean, or else the list of the file's groups."""
        hint = suggest(gid, self.group_ids) or f"; groups: {', '.join(self.group_ids)}"
        return f"unknown group {gid!r}{hint}"

    def run(self) -> list[Problem]:
        self.check_unique([g.id for g in self.q.groups], ("groups",), "group id")
        self.check_unique([s.id for s in self.q.sections], ("sections",), "section id")
        if self.q.compare is not None:
            for i, gid in enumerate(self.q.compare):
                if gid not in self.group_ids:
                    self.add(("compare", i), self.unknown_group(gid))
            if self.q.compare[0] == self.q.compare[1]:
                self.add(("compare",), "compare needs two different groups")
        experience = self.q.experience_group
        if experience is not None and experience not in self.group_ids:
            self.add(("experience_group",), self.unknown_group(experience))
        for name, scale in self.q.scales.items():
            self.check_scale(scale, ("scales", name))
        seen: dict[str, Path] = {}
        earlier: dict[str, qm.AnyQuestion] = {}
        for si, section in enumerate(self.q.sections):
            if section.show_if is not None:
                self.check_condition(section.show_if, ("sections", si, "show_if"), earlier, None)
            for qi, question in enumerate(section.questions):
                path: Path = ("sections", si, "questions", qi)
                if question.id in seen:
                    line, _ = self.source.locate((*seen[question.id], "id"))
                    self.add(
                        (*path, "id"),
                        f"duplicate question id {question.id!r} (first used on line {line})",
                    )
                else:
                    seen[question.id] = path
                self.check_question(question, path, earlier, section.show_if)
                earlier[question.id] = question

        self.problems += log_problems(self.q, self.source)
        return self.problems

    def check_unique(self, ids: list[str], path: Path, what: str) -> None:
        first: dict[str, int] = {}
        for i, value in enumerate(ids):
            if value in first:
                self.add(
                    (*path, i, "id"), f"duplicate {what} {value!r} (also item {first[value] + 1})"
                )
            else:
                first[value] = i

    def check_scale(self, scale: qm.Scale, path: Path) -> None:
        if scale.max <= scale.min:
            self.add((*path, "max"), f"max ({scale.max}) must be greater than min ({scale.min})")
            return
        if scale.max - scale.min > 100:
            self.add((*path, "max"), "a scale may have at most 101 points")
        count = scale.max - scale.min + 1
        if scale.labels is not None and len(scale.labels) != count and not scale.labels_ends_only:
            self.add(
                (*path, "labels"),
                f"{len(scale.labels)} labels for {count} scale points ({scale.min}..{scale.max}); give one label per point, or two for the ends",
            )
        if scale.dont_know is not None and not scale.dont_know.strip():
            self.add((*path, "dont_know"), _EMPTY_DONT_KNOW)
        for i, value in enumerate(scale.favorable or []):
            if not scale.min <= value <= scale.max:
                self.add(
                    (*path, "favorable", i),
                    f"favorable value {value} is outside the scale {scale.min}..{scale.max}",
                )

    def check_question(
        self,
        question: qm.AnyQuestion,
        path: Path,
        earlier: dict[str, qm.AnyQuestion],
        section_show_if: str | None = None,
    ) -> None:
        asked = self.check_groups(question, path, section_show_if)
        self.check_text(question, path, asked)
        if isinstance(question, qm.LikertQuestion | qm.MatrixQuestion):
            self.check_scale_ref(question.scale, (*path, "scale"))
        if isinstance(question, qm.MatrixQuestion):
            self.check_unique([r.id for r in question.rows], (*path, "rows"), "row id")
        if isinstance(question, qm.ChoiceBase):
            self.check_options(question, path)
        if question.gap == "awareness" and not question.has_score:
            self.add(
                (*path, "gap"),
                f"an awareness item is rated (likert, nps or matrix), not {question.type}: "
                "remove 'gap: awareness' or make it a rating",
            )
        if isinstance(question, qm.NumberQuestion):
            self.check_number(question, path)
        if isinstance(question, qm.TextQuestion) and question.max_length > 100_000:
            self.add((*path, "max_length"), "max_length may be at most 100000")
        if isinstance(question, qm.TextQuestion) and question.themes:
            self.check_themes(question, (*path, "themes"))
        if question.show_if is not None:
            self.check_condition(question.show_if, (*path, "show_if"), earlier, question.id)

    def check_groups(
        self, question: qm.AnyQuestion, path: Path, section_show_if: str | None
    ) -> list[str]:
        """The question's ``groups`` name known groups; returns the groups it can be shown to
        (a group that the section's or question's condition always hides is never asked)."""
        asked = self.group_ids
        if question.groups is not None:
            for i, gid in enumerate(question.groups):
                if gid not in self.group_ids:
                    self.add((*path, "groups", i), self.unknown_group(gid))
            if not question.groups:
                self.add(
                    (*path, "groups"), "lists no group, so nobody would be asked this question"
                )
            asked = [g for g in question.groups if g in self.group_ids]
        return [
            g
            for g in asked
            if may_show_for_group(section_show_if, g) and may_show_for_group(question.show_if, g)
        ]

    def check_text(self, question: qm.AnyQuestion, path: Path, asked: list[str]) -> None:
        """No empty text; a per-group text map names known groups and covers every one asked."""
        texts = question.text.values() if isinstance(question.text, dict) else [question.text]
        if any(not text.strip() for text in texts):
            self.add((*path, "text"), "the question text is empty")
        if not isinstance(question.text, dict):
            return
        for gid in question.text:
            if gid not in self.group_ids:
                self.add((*path, "text", gid), self.unknown_group(gid), key=True)
        missing = [g for g in asked if g not in question.text]
        if missing:
            self.add(
                (*path, "text"),
                f"no wording for group(s) {', '.join(missing)}: "
                "a text map must cover every group asked the question",
                key=True,
            )
        if not question.text:
            self.add((*path, "text"), "text map is empty")

    def check_scale_ref(self, scale: str | qm.Scale, path: Path) -> None:
        """A named scale exists under ``scales``; an inline one is checked as a scale."""
        if not isinstance(scale, str):
            self.check_scale(scale, path)
            return
        if scale not in self.q.scales:
            known = list(self.q.scales)
            hint = suggest(scale, known) or (
                f"; defined scales: {', '.join(known)}"
                if known
                else "; define it under 'scales' or give min and max inline"
            )
            self.add(path, f"unknown scale {scale!r}{hint}")

    def check_options(self, question: qm.ChoiceBase, path: Path) -> None:
        values = [o.value for o in question.options]
        for i, value in enumerate(values):
            if not value:
                self.add(
                    (*path, "options", i), "option needs a label with at least one letter or digit"
                )
            elif value in values[:i]:
                self.add((*path, "options", i), f"duplicate option value {value!r}")
        if not isinstance(question, qm.MultiChoiceQuestion):
            return
        available = len(question.options) + (1 if question.other else 0)
        lo, hi = question.min_selected, question.max_selected
        if lo is not None and hi is not None and lo > hi:
            self.add(
                (*path, "min_selected"), f"min_selected ({lo}) is greater than max_selected ({hi})"
            )
        if lo is not None and lo > available:
            self.add(
                (*path, "min_selected"), f"min_selected ({lo}) is more than the {available} options"
            )

    def check_number(self, question: qm.NumberQuestion, path: Path) -> None:
        if question.dont_know is not None and not question.dont_know.strip():
            self.add((*path, "dont_know"), _EMPTY_DONT_KNOW)
        for bound in ("min", "max"):
            value = getattr(question, bound)
            if value is not None and not math.isfinite(value):
                self.add((*path, bound), f"{bound} must be a finite number, got {value}")
        if question.min is not None and question.max is not None and question.min >= question.max:
            self.add(
                (*path, "max"),
                f"max ({question.max:g}) must be greater than min ({question.min:g})",
            )

    def check_themes(self, question: qm.TextQuestion, path: Path) -> None:
        """Theme ids unique; each keyword has a letter or digit and belongs to one theme (a
        keyword in two themes would count the same answers twice)."""
        themes = question.themes or []
        self.check_unique([t.id for t in themes], path, "theme id")
        owner: dict[str, str] = {}
        for ti, theme in enumerate(themes):
            for ki, keyword in enumerate(theme.keywords):
                where = (*path, ti, "keywords", ki)
                folded = " ".join(keyword.casefold().split())
                if not any(c.isalnum() for c in folded):
                    self.add(where, "a keyword needs at least one letter or digit")
                elif folded in owner and owner[folded] != theme.id:
                    self.add(where, f"keyword {keyword!r} is also in theme {owner[folded]!r}")
                else:
                    owner[folded] = theme.id

    # --- conditions ------------------------------------------------------------------------

    def check_condition(
        self, text: str, path: Path, earlier: dict[str, qm.AnyQuestion], own: str | None
    ) -> None:
        def add(offset: int, message: str) -> None:
            self.problems.append(self.source.problem_in_value(path, text, offset, message))

        try:
            condition = parse(text)
        except ConditionSyntaxError as exc:
            add(exc.offset, f"invalid condition: {exc.message}")
            return
        for name in condition.names:
            problem = self.name_problem(name.name, earlier, own)
            if problem:
                add(name.offset, problem)
        for compare in condition.comparisons():
            problem = self.type_problem(compare, earlier)
            if problem:
                add(compare.offset, problem)

    def name_problem(
        self, name: str, earlier: dict[str, qm.AnyQuestion], own: str | None
    ) -> str | None:
        if name in ("group", "wave"):
            return None
        qid, _, row = name.partition(".")
        if qid == own:
            return f"a question's condition cannot read its own answer ({name!r})"
        if qid not in earlier and qid in self.all_ids:
            return f"{qid!r} comes later in the file; a condition may only read earlier questions"
        if qid not in earlier:
            return f"unknown question {name!r}{suggest(name, [*earlier, 'group', 'wave'])}"
        question = earlier[qid]
        if row:
            if not isinstance(question, qm.MatrixQuestion):
                return f"{qid!r} is not a matrix, so {name!r} names nothing"
            rows = [r.id for r in question.rows]
            if row not in rows:
                return f"matrix {qid!r} has no row {row!r}{suggest(row, rows)}"
        return None

    def kind_of(
        self, node: Any, earlier: dict[str, qm.AnyQuestion]
    ) -> tuple[str, qm.AnyQuestion | None] | None:
        """('number'|'string'|'list'|'bool', question) for a node, None when unknown."""
        if isinstance(node, Literal):
            value = node.value
            if isinstance(value, bool):
                return ("bool", None)
            return ("number", None) if isinstance(value, int | float) else ("string", None)
        if isinstance(node, ListLiteral):
            return ("list", None)
        if isinstance(node, Name):
            if node.name in ("group", "wave"):
                return ("string", None)
            qid, _, row = node.name.partition(".")
            question = earlier.get(qid)
            if question is None:
                return None
            if isinstance(question, qm.MatrixQuestion):
                return ("number", question) if row else ("map", question)
            if isinstance(question, qm.LikertQuestion | qm.NpsQuestion | qm.NumberQuestion):
                return ("number", question)
            if isinstance(question, qm.MultiChoiceQuestion):
                return ("list", question)
            if isinstance(question, qm.SingleChoiceQuestion | qm.TextQuestion):
                return ("string", question)
        return None

    def type_problem(self, compare: Compare, earlier: dict[str, qm.AnyQuestion]) -> str | None:
        left = self.kind_of(compare.left, earlier)
        right = self.kind_of(compare.right, earlier)
        if left is None or right is None:
            return None
        (lk, lq), (rk, rq) = left, right
        if compare.op in ("in", "not in"):
            if rk != "list":
                return f"'{compare.op}' needs a list or a multiple-choice answer on its right"
            if isinstance(compare.right, ListLiteral):
                for item in compare.right.values:
                    problem = self.literal_problem(compare.left, item, earlier)
                    if problem:
                        return problem
                return None
            if isinstance(compare.right, Name) and isinstance(compare.left, Literal):
                return self.literal_problem(compare.right, compare.left, earlier)
            return None
        if "map" in (lk, rk):
            return "a matrix is compared row by row: use matrix_id.row_id"
        if compare.op not in ("==", "!=") and ("list" in (lk, rk) or "bool" in (lk, rk)):
            return f"'{compare.op}' compares numbers or text, not lists or true/false"
        if lk != rk:
            return (
                f"cannot compare {_describe(lk, lq, compare.left)} "
                f"with {_describe(rk, rq, compare.right)}"
            )
        if isinstance(compare.left, Name) and isinstance(compare.right, Literal):
            return self.literal_problem(compare.left, compare.right, earlier)
        if isinstance(compare.right, Name) and isinstance(compare.left, Literal):
            return self.literal_problem(compare.right, compare.left, earlier)
        return None

    def literal_problem(
        self, name_node: Any, literal: Literal, earlier: dict[str, qm.AnyQuestion]
    ) -> str | None:
        if not isinstance(name_node, Name):
            return None
        kind = self.kind_of(name_node, earlier)
        if kind is None:
            return None
        expected, question = kind
        value = literal.value
        got = (
            "text"
            if isinstance(value, str)
            else ("true/false" if isinstance(value, bool) else "a number")
        )
        if expected == "list":
            expected = "string"
        if expected == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
            return f"{name_node.name!r} is a number, but is compared with {got} {value!r}"
        if expected == "string" and not isinstance(value, str):
            return f"{name_node.name!r} holds text, but is compared with {got} {value!r}"
        if name_node.name == "group" and value not in self.group_ids:
            return f"unknown group {value!r}{suggest(value, self.group_ids)}"
        if isinstance(question, qm.ChoiceBase) and not question.other:
            values = question.option_values()
            if value not in values:
                return f"{value!r} is not an option of {question.id!r}{suggest(value, values)}; options: {', '.join(values)}"
        return None


_EMPTY_DONT_KNOW = (
    "the \"don't know\" label is empty: give the text respondents see (e.g. I don't know)"
)


def _describe(kind: str, question: qm.AnyQuestion | None, node: Any = None) -> str:
    if question is not None:
        return f"{question.id!r} ({question.type}, {kind})"
    what = {"string": "text", "number": "a number", "list": "a list", "bool": "true/false"}.get(
        kind, kind
    )
    if isinstance(node, Literal):
        # show the literal, so "== 'high'" on a 1..5 scale is obvious at a glance
        shown = (
            "true" if node.value is True else "false" if node.value is False else repr(node.value)
        )
        return f"{what} {shown}"
    return what
