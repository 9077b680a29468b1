"""Answer extraction: pick the one figure the passages support, or abstain.

A wrong number is far worse than "I don't know", so the best candidate must clear a
confidence floor and beat every candidate with a different value by a clear margin.
When the only confident figure is of the other kind (a target when the question asks what
happened), the abstention says what was found instead of answering with it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from qa.candidates import PASSING_VERBS, Candidate, collect
from qa.dates import collect_dates, date_unit
from qa.question import QuestionAnalysis, small_talk
from qa.regions import gazetteer, home_places, is_national
from qa.render import NO_INDICATOR_NOTE, figure_label, figure_text, issuer_text, other_kind_note
from qa.subjects import SUBJECT_REJECTIONS, named_in, readable
from qa.types import Answer
from retrieval.types import BulletinRef, Hit

MIN_SCORE = 0.45
MIN_COVER = 0.6
MIN_NEAR = 0.4
MIN_MARGIN = 0.05
OUTSHONE_BY = 0.25
# Scores closer than this are as strong as each other (they differ in the third decimal
# where two sentences match the question's words alike).
KIND_MARGIN = 0.01
SHOWN_PASSAGES = 5
EXPLAINED_CANDIDATES = 8
# 达到10.3万亿元，成为……第一个过10万亿元省份: a verb of passing before a smaller figure of
# the same sentence and unit marks the round number the answer passed.
_PASSING = re.compile(f"(?:过|越过|{PASSING_VERBS})$")
# Rejections that say "this is the other kind of figure", worth telling the user about.
_OTHER_KIND = ("是预期目标，问的是实际", "是实际数，问的是目标")


def answer(analysis: QuestionAnalysis, hits: list[Hit]) -> Answer:
    """The answer to ``analysis`` from ``hits`` (best BM25 first), or an abstention."""
    if analysis.kind == "smalltalk":
        return Answer(question=analysis.text, answer=None, abstained=False,
                      kind="smalltalk", small_talk=small_talk(analysis.text))
    if analysis.kind == "latest":  # the engine fills in the bulletins
        return Answer(question=analysis.text, answer=None, abstained=False, kind="latest")
    if analysis.kind == "issuer":
        return _issuer(analysis, hits)
    if analysis.kind == "date":
        return _date(analysis, hits)
    if analysis.kind != "quantity":
        return abstain(analysis, hits)
    if not analysis.names_a_thing:
        return abstain(analysis, hits, note=NO_INDICATOR_NOTE)
    candidates = collect(analysis, hits)
    explained = explain(candidates)
    regions = competing_regions(analysis, candidates)
    if len(regions) > 1:
        return Answer(question=analysis.text, answer=None, abstained=True, kind="clarify",
                      regions=regions, indicator=analysis.indicator or None,
                      passages=hits[:SHOWN_PASSAGES], explain=explained)
    best = choose([c for c in candidates if c.rejected is None])
    if best is not None and (_outshone(best, candidates) or _kind_unwritten(best, candidates)):
        best = None
    if best is None:
        return abstain(analysis, hits, note=_other_kind(analysis, candidates), explained=explained)
    region = _region(analysis, best.hit.bulletin)
    return Answer(
        question=analysis.text,
        answer=figure_text(best.span.raw, best.hit.quote, best.status),
        figure=figure_label(best.span.raw, best.status),
        abstained=False,
        value=best.span.value,
        unit=best.span.unit,
        approximate=best.span.approximate,
        sentence=best.hit.quote,
        citation=best.hit.bulletin,
        status=best.status,
        figure_year=best.timeframe.year,
        passages=_passages(hits, best.hit),
        explain=explained,
        raw=best.span.raw,
        indicator=_indicator(analysis, region),
        region=region,
    )


def _indicator(analysis: QuestionAnalysis, region: str | None) -> str | None:
    """The question's indicator; without the places it names when the headline names the
    region itself (陕西粮食产量 under 陕西省 is 粮食产量)."""
    text = analysis.indicator
    if region:
        for place in analysis.regions:
            text = text.replace(place, "")
    return text or None


def _confident(candidate: Candidate) -> bool:
    return (candidate.rejected is None and candidate.score >= MIN_SCORE
            and candidate.cover >= MIN_COVER and candidate.near >= MIN_NEAR)


def competing_regions(analysis: QuestionAnalysis, candidates: list[Candidate]) -> list[str]:
    """The regions whose own reports each hold a confident figure for a question that
    names no region, best first, when the best of them is a regional report's (the
    provincial reports all have 粮食产量). Picking one would answer for a place nobody
    asked about; a national report's figure is the country's and needs no region."""
    if analysis.regions:
        return []
    confident = [c for c in candidates if _confident(c)]
    if not confident or _own_region(confident[0].hit.bulletin) is None:
        return []
    found = (_own_region(c.hit.bulletin) for c in confident)
    return list(dict.fromkeys(region for region in found if region))


def _own_region(bulletin: BulletinRef) -> str | None:
    """The region a bulletin is the report of; None for national and placeless texts."""
    if not bulletin.region or is_national(bulletin.title, bulletin.issuer):
        return None
    return bulletin.region


def _region(analysis: QuestionAnalysis, bulletin: BulletinRef) -> str | None:
    """The region a regional bulletin's figure is about: a place the question names inside
    it (苏州 in 江苏's report → 苏州市), else the bulletin's own (陕西 asked → 陕西省,
    高新区 asked → 珠海市高新区). None for national and placeless texts: the question's
    places then stay in the indicator as written (2016年深圳市城镇新增就业)."""
    own = _own_region(bulletin)
    if own is None or not analysis.regions:
        return own
    places = gazetteer().lookup(analysis.regions[0])
    home = home_places(own, bulletin.title)
    if not places or any(place.code == mine.code for place in places for mine in home):
        return own
    return min(places, key=lambda place: place.code).name


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


def _outshone(best: Candidate, candidates: list[Candidate]) -> bool:
    """A figure far weaker than one rejected for being about another item (服务性消费支出占
    居民人均消费支出比重 beside 城乡居民人均可支配收入分别增长…): the text the question
    matches best is about something else, so the weak one is a guess."""
    rivals = [c.score for c in candidates
              if c.rejected and c.rejected.startswith(SUBJECT_REJECTIONS)
              and not _mark_passed_by(c, best)]
    return bool(rivals) and max(rivals) - best.score > OUTSHONE_BY


# “这个数字说的是高技术制造业（问的是装备制造业）”: the kind asked, as the rejection names it.
_ASKED_KIND = re.compile(r"^这个数字说的是.+（问的是(.+)）$")


def _kind_unwritten(best: Candidate, candidates: list[Candidate]) -> bool:
    """A figure as strong as the best (within ``KIND_MARGIN``) was another kind of the
    thing asked (软件和信息技术服务业 for 现代服务业, 浙江 2026), and neither the best's
    sentence nor what it continues writes the asked kind (服务业增加值增长5.8%): the
    question asks a kind the text gives no figure for, and the best is the whole or yet
    another kind."""
    for rival in candidates:
        found = _ASKED_KIND.match(rival.rejected or "")
        if (found and rival.score >= best.score - KIND_MARGIN
                and not named_in(found.group(1), _surroundings(best.hit), best.hit.text)):
            return True
    return False


def _surroundings(hit: Hit) -> str:
    """A passage with what it continues: its paragraph so far, heading and title (横道河子站
    is named by the document, 距哈尔滨站272公里 only continues it)."""
    return readable(" ".join([hit.bulletin.title, hit.section or "", *hit.lead, hit.text]))


def _mark_passed_by(mark: Candidate, best: Candidate) -> bool:
    """A round figure the best one passed, in its own sentence (成为第一个过10万亿元省份
    after 达到10.3万亿元): it names the same quantity's milestone, not another item, so
    the sentence matching the question well is no sign that the answer is elsewhere."""
    return (mark.hit.passage_id == best.hit.passage_id and mark.unit == best.unit
            and mark.span.value < best.span.value
            and bool(_PASSING.search(readable(mark.hit.text)[:mark.span.number_start])))


def _other_kind(analysis: QuestionAnalysis, candidates: list[Candidate]) -> str | None:
    """"只找到2019年的预期目标：1100万人以上" when the confident figure is of the other kind
    and of the asked year (a 1981 target says nothing about a 2016 question)."""
    others = [c for c in candidates if c.rejected in _OTHER_KIND and _of_asked_year(analysis, c)]
    found = choose(others)
    if found is None:
        return None
    return other_kind_note(found.span.raw, found.status, found.timeframe.year)


def _of_asked_year(analysis: QuestionAnalysis, candidate: Candidate) -> bool:
    if len(analysis.years) != 1:
        return True
    return not candidate.timeframe.span and candidate.timeframe.year == analysis.years[0]


def explain(candidates: list[Candidate]) -> list[dict[str, Any]]:
    """The top candidates as ``ask --explain`` shows them: why each was taken or not."""
    rows = []
    for candidate in candidates[:EXPLAINED_CANDIDATES]:
        rows.append({
            "figure": candidate.span.raw,
            "year": candidate.timeframe.year,
            "timeframe": candidate.timeframe.describe(),
            "year_from": candidate.timeframe.source,
            "status": candidate.status,
            "subject": candidate.subject,
            "score": round(candidate.score, 3),
            "near": round(candidate.near, 3),
            "cover": round(candidate.cover, 3),
            "rejected": candidate.rejected,
            "sentence": candidate.hit.text,
            "title": candidate.hit.bulletin.title,
        })
    return rows


def abstain(
    analysis: QuestionAnalysis, hits: list[Hit], *, note: str | None = None,
    explained: list[dict[str, Any]] | None = None,
) -> Answer:
    return Answer(question=analysis.text, answer=None, abstained=True,
                  passages=hits[:SHOWN_PASSAGES], note=note, kind=analysis.kind,
                  explain=explained or [])


def _date(analysis: QuestionAnalysis, hits: list[Hit]) -> Answer:
    """A date question is answered with the date as written in the best sentence."""
    candidates = collect_dates(analysis, hits)
    best = choose(candidates)
    if best is None:
        return abstain(analysis, hits, explained=explain(candidates))
    return Answer(
        question=analysis.text,
        answer=f"{best.span.raw} — {best.hit.quote}",
        figure=best.span.raw,
        abstained=False,
        value=best.span.value or None,
        unit=date_unit(best.span.raw),
        sentence=best.hit.quote,
        citation=best.hit.bulletin,
        figure_year=best.timeframe.year,
        passages=_passages(hits, best.hit),
        kind="date",
        explain=explain(candidates),
    )


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
        kind="issuer",
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
