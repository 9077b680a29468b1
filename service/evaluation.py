"""Scoring answers against a question file: correct, wrong or abstained, per question."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from qa.types import Answer

Verdict = Literal["correct", "wrong", "abstained"]


@dataclass(frozen=True)
class EvalCase:
    id: str
    question: str
    expected: str
    value: float | None
    unit: str | None
    kind: str


@dataclass(frozen=True)
class EvalResult:
    case: EvalCase
    answer: Answer
    verdict: Verdict
    seconds: float


def load_cases(path: Path) -> list[EvalCase]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item: dict[str, Any] = json.loads(line)
        cases.append(
            EvalCase(
                id=str(item.get("id", number)),
                question=item["question"],
                expected="" if item.get("answer") is None else str(item["answer"]),
                value=item.get("value"),
                unit=item.get("unit"),
                kind=item.get("kind", "quantity"),
            )
        )
    return cases


def judge(case: EvalCase, answer: Answer) -> Verdict:
    """A number is right when value and unit agree; an issuer when the name matches.

    A case without a gold answer (the corpus does not hold it) is answered correctly only
    by an abstention: saying "not sure" there is the product working, not failing."""
    if case.expected == "" and case.value is None and case.kind != "issuer":
        return "correct" if answer.abstained else "wrong"
    if answer.abstained:
        return "abstained"
    if case.kind == "issuer":
        got = answer.answer or ""
        return "correct" if case.expected and case.expected in got else "wrong"
    if answer.value is None or case.value is None:
        return "wrong"
    same_value = math.isclose(answer.value, float(case.value), rel_tol=1e-6)
    same_unit = case.unit is None or comparable_unit(answer.unit) == comparable_unit(case.unit)
    return "correct" if same_value and same_unit else "wrong"


BOUND_SUFFIXES = ("以上", "以下", "以内", "左右", "内")


def comparable_unit(unit: str | None) -> str:
    """The counting unit without a bound: answer files write 米以上 or 分钟内 as the unit,
    while the extractor reports the bound apart (as approximate or target)."""
    unit = (unit or "").strip()
    for suffix in BOUND_SUFFIXES:
        if unit.endswith(suffix) and len(unit) > len(suffix):
            return unit[: -len(suffix)]
    return unit


def tally_by_kind(results: list[EvalResult]) -> dict[str, dict[Verdict, int]]:
    """Verdict counts per question kind, in the order kinds first appear, and 'all'."""
    table: dict[str, dict[Verdict, int]] = {}
    for result in results:
        for kind in (result.case.kind, "all"):
            row = table.setdefault(kind, {"correct": 0, "wrong": 0, "abstained": 0})
            row[result.verdict] += 1
    table["all"] = table.pop("all", {"correct": 0, "wrong": 0, "abstained": 0})
    return table


def run_cases(cases: list[EvalCase], ask: Callable[[str], Answer]) -> Iterator[EvalResult]:
    for case in cases:
        started = time.perf_counter()
        answer = ask(case.question)
        yield EvalResult(case, answer, judge(case, answer), time.perf_counter() - started)
