"""The seed's question file through the whole pipeline: store, index, extraction."""

from __future__ import annotations

from service.engine import Engine
from service.evaluation import load_cases, run_cases
from tests.conftest import REPO

# The seed bulletin's own questions ship with the tests (like the bulletin in seeds/),
# so this check runs everywhere, not only where ../shared sits beside the checkout.
SEED_QA = REPO / "tests" / "data" / "seed_qa.jsonl"


def test_seed_eval_gets_all_27_right_as_the_readme_says(engine: Engine) -> None:
    cases = load_cases(SEED_QA)
    results = list(run_cases(cases, lambda q: engine.ask(q, log=False)))
    missed = [(r.case.question, r.verdict, r.answer.answer) for r in results
              if r.verdict != "correct"]
    assert len(results) == 27
    assert missed == []


def test_questions_about_another_year_abstain(engine: Engine) -> None:
    for question in ("2018年高新区受理了多少举报投诉?", "2016年高新区查处了几宗网络违法案件?"):
        result = engine.ask(question)
        assert result.abstained, result.answer
        assert result.passages
    assert engine.stats().abstained == 2
