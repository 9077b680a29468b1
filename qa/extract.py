"""Answer extraction: pick the one figure the passages support, or abstain.

A wrong number is far worse than "I don't know", so the best candidate must clear a
confidence floor and beat every candidate with a different value by a clear margin.
"""

from __future__ import annotations

from collections import defaultdict

from qa.candidates import Candidate, collect
from qa.question import QuestionAnalysis
from qa.render import figure_label, figure_text, issuer_text
from qa.types import Answer
from retrieval.types import BulletinRef, Hit

MIN_SCORE = 0.45
MIN_COVER = 0.6
MIN_NEAR = 0.4
MIN_MARGIN = 0.05
SHOWN_PASSAGES = 5


def answer(analysis: QuestionAnalysis, hits: list[Hit]) -> Answer:
    """The answer to ``analysis`` from ``hits`` (best BM25 first), or an abstention."""
    if analysis.kind == "issuer":
        return _issuer(analysis, hits)
    if analysis.kind != "quantity":
        return abstain(analysis, hits)
    best = choose(collect(analysis, hits))
    if best is None:
        return abstain(analysis, hits)
    return Answer(
        question=analysis.text,
        answer=figure_text(best.span.raw, best.hit.text, best.status),
        figure=figure_label(best.span.raw, best.status),
        abstained=False,
        value=best.span.value,
        unit=best.span.unit,
        approximate=best.span.approximate,
        sentence=best.hit.text,
        citation=best.hit.bulletin,
        status=best.status,
        figure_year=best.timeframe.year,
        passages=_passages(hits, best.hit),
    )


def choose(candidates: list[Candidate]) -> Candidate | None:
    """The best candidate if it is confident and unrivalled by a different figure."""
    if not candidates:
        return None
    best = candidates[0]
    if best.score < MIN_SCORE or best.cover < MIN_COVER or best.near < MIN_NEAR:
        return None
    for other in candidates[1:]:
        if best.score - other.score >= MIN_MARGIN:
            break
        if (other.span.value, other.span.unit) != (best.span.value, best.span.unit):
            return None
    return best


def abstain(analysis: QuestionAnalysis, hits: list[Hit]) -> Answer:
    return Answer(question=analysis.text, answer=None, abstained=True,
                  passages=hits[:SHOWN_PASSAGES])


def _issuer(analysis: QuestionAnalysis, hits: list[Hit]) -> Answer:
    """The issuer of the bulletin the passages point to most."""
    bulletin = _main_bulletin(hits)
    if bulletin is None or not bulletin.issuer:
        return abstain(analysis, hits)
    return Answer(
        question=analysis.text,
        answer=issuer_text(bulletin.issuer, bulletin.title),
        figure=bulletin.issuer,
        abstained=False,
        citation=bulletin,
        passages=[hit for hit in hits if hit.bulletin.id == bulletin.id][:SHOWN_PASSAGES],
    )


def _main_bulletin(hits: list[Hit]) -> BulletinRef | None:
    totals: dict[int, float] = defaultdict(float)
    refs: dict[int, BulletinRef] = {}
    for hit in hits:
        totals[hit.bulletin.id] += hit.score
        refs[hit.bulletin.id] = hit.bulletin
    if not totals:
        return None
    return refs[max(totals, key=lambda key: totals[key])]


def _passages(hits: list[Hit], chosen: Hit) -> list[Hit]:
    """The cited passage first, then the other best passages."""
    return [chosen, *[hit for hit in hits if hit is not chosen]][:SHOWN_PASSAGES]
