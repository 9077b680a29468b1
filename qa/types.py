"""The answer every front end (CLI, Telegram) renders; its JSON is a public contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from retrieval.types import BulletinRef, Hit

FigureStatus = Literal["achieved", "planned", "hypothetical"]


@dataclass(frozen=True)
class Answer:
    """An extracted answer, or an abstention that still carries the best passages.

    ``value`` has the scale folded in (约650万余元 → 6500000); ``unit`` is the counting
    unit as written with the scale removed (元, 宗, 人次). ``status`` tells an achieved
    figure from a planned target (预期目标, 左右, 以上).
    """

    question: str
    answer: str | None
    abstained: bool
    # What was found, as a front end shows it in bold: 3843宗, 预期目标：1200万人以上,
    # or an issuer's name. ``answer`` is the one-line text built around it.
    figure: str | None = None
    value: float | None = None
    unit: str | None = None
    approximate: bool = False
    sentence: str | None = None
    citation: BulletinRef | None = None
    status: FigureStatus | None = None
    figure_year: int | None = None
    passages: list[Hit] = field(default_factory=list)
    note: str | None = None
    kind: str = "quantity"
    explain: list[dict[str, Any]] = field(default_factory=list)
    # What the figure is, for the headline (陕西省2025年粮食产量：1347万吨): the figure as
    # written without its status label, the indicator the question names, and the region
    # of the bulletin it comes from (or the one the question names).
    raw: str | None = None
    indicator: str | None = None
    region: str | None = None
    # kind "clarify": the regions whose reports all hold a confident figure for a question
    # naming none; kind "smalltalk": what the message was (thanks, greeting…); kind
    # "latest": the newest bulletins, for "最近有什么新通报?".
    regions: list[str] = field(default_factory=list)
    small_talk: str | None = None
    bulletins: list[BulletinRef] = field(default_factory=list)
    # A series, difference or extreme (qa/series.py): one point per year asked, each the
    # single-figure answer for that year, or a gap. None for a single-figure answer.
    series: tuple[SeriesPoint, ...] | None = None

    def to_json(self, *, explain: bool = False) -> dict[str, Any]:
        """The ``ask --json`` object: citation as title/issuer/origin, passages with scores,
        and with ``explain`` the judged candidates."""
        citation = citation_json(self.citation)
        return {
            "question": self.question,
            "answer": self.answer,
            "figure": self.figure,
            "abstained": self.abstained,
            "value": self.value,
            "unit": self.unit,
            "approximate": self.approximate,
            "status": self.status,
            "figure_year": self.figure_year,
            "sentence": self.sentence,
            "citation": citation,
            "note": self.note,
            "kind": self.kind,
            "indicator": self.indicator,
            "region": self.region,
            **({"regions": self.regions} if self.kind == "clarify" else {}),
            **({"bulletins": [_bulletin_json(ref) for ref in self.bulletins]}
               if self.kind == "latest" else {}),
            "series": None if self.series is None else [p.to_json() for p in self.series],
            **({"explain": self.explain} if explain else {}),
            "passages": [
                {
                    "text": hit.quote,
                    "score": round(hit.score, 6),
                    "title": hit.bulletin.title,
                    "issuer": hit.bulletin.issuer,
                    "origin": hit.bulletin.origin,
                }
                for hit in self.passages
            ],
        }


def _bulletin_json(ref: BulletinRef) -> dict[str, Any]:
    return {"title": ref.title, "issuer": ref.issuer, "origin": ref.origin,
            "published": ref.published.isoformat() if ref.published else None}
def citation_json(ref: BulletinRef | None) -> dict[str, Any] | None:
    """A citation as the JSON contract writes it: title, issuer, origin."""
    if ref is None:
        return None
    return {"title": ref.title, "issuer": ref.issuer, "origin": ref.origin}


@dataclass(frozen=True)
class SeriesPoint:
    """One year of a series: the figure of ``status`` the single question for that year
    found (``found``), or None when no report states it; a gap is never filled."""

    year: int
    status: FigureStatus
    found: Answer | None = None

    @property
    def missing(self) -> bool:
        return self.found is None

    def to_json(self) -> dict[str, Any]:
        """``value`` has the scale folded in and is null for a missing year."""
        found = self.found
        return {
            "year": self.year,
            "value": found.value if found else None,
            "unit": found.unit if found else None,
            "status": self.status,
            "figure": found.figure if found else None,
            "approximate": found.approximate if found else False,
            "sentence": found.sentence if found else None,
            "citation": citation_json(found.citation) if found else None,
        }
