"""Report passages as the retriever hands them to extraction, for tests that quote a
sentence of the State Council or provincial reports and check what is read from it."""

from __future__ import annotations

from qa.numbers import find_numbers
from qa.timeframe import figure_timeframe
from retrieval.tokenizer import normalize
from retrieval.types import BulletinRef, Hit

REPORT_2017 = BulletinRef(id=1, title="2017年中华人民共和国国务院政府工作报告", issuer=None,
                          origin="2017.txt", published=None, year=2017, region=None)


def hit(text: str, *, section: str | None = None, lead: tuple[str, ...] = (),
        bulletin: BulletinRef = REPORT_2017, passage_id: int = 1) -> Hit:
    return Hit(passage_id=passage_id, bulletin=bulletin, text=text, section=section,
               paragraph=0, position=len(lead), score=1.0, lead=lead)


def timeframe_of(sentence: str, figure: str, section: str | None, year: int,
                 lead: str = "") -> tuple[int | None, bool]:
    text = normalize(sentence)
    span = next(s for s in find_numbers(text) if s.raw == normalize(figure))
    found = figure_timeframe(text, span.number_start, section, year, normalize(lead))
    return found.year, found.span


def report(year: int, number: int) -> BulletinRef:
    return BulletinRef(id=number, title=f"{year}年中华人民共和国国务院政府工作报告", issuer=None,
                       origin=f"{year}.txt", published=None, year=year, region=None)


def province_report(name: str, region: str, bulletin_id: int) -> BulletinRef:
    return BulletinRef(id=bulletin_id, title=f"2026年{region}政府工作报告", issuer=None,
                       origin=f"2026-{region}.txt", published=None, year=2026, region=region)
