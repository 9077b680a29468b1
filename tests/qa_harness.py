"""A small stand-in for the Engine so question answering can be tested on real text.

It parses bulletin files crudely (title line, body paragraphs, section headings, the
trailing headline list after the 供稿 line dropped), splits sentences, ranks passages with
rank_bm25's BM25Okapi over tokenize(title) + tokenize(sentence) and hands the best ones
to qa as Hits, exactly as the Engine will. Run it directly to print eval numbers:

    .venv/bin/python tests/qa_harness.py seed|paraphrase|cmrc|gov
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from qa.extract import answer  # noqa: E402
from qa.question import analyze  # noqa: E402
from qa.types import Answer  # noqa: E402
from retrieval.tokenizer import normalize, tokenize  # noqa: E402
from retrieval.types import BulletinRef, Hit  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "gaoxinqu-dajia-2017.txt"
_ISSUER = re.compile(r"[(（]\s*([^()（）]+?)\s*供稿\s*[)）]")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、.{1,40}$")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_YEAR = re.compile(r"((?:1[89]|20)\d{2})年")


@dataclass(frozen=True)
class Passage:
    bulletin: BulletinRef
    text: str
    section: str | None
    paragraph: int
    position: int


def parse_bulletin(path: Path, bulletin_id: int) -> list[Passage]:
    """Title = first line; paragraphs until the 供稿 line; sentences as passages."""
    lines = [line.strip() for line in normalize(path.read_text(encoding="utf-8")).splitlines()]
    lines = [line for line in lines if line]
    title, body = lines[0], lines[1:]
    issuer = None
    for index, line in enumerate(body):
        found = _ISSUER.search(line)
        if found:
            issuer, body = found.group(1), body[: index + 1]
            break
    years = _YEAR.findall(title) or _YEAR.findall(" ".join(body[:3]))
    ref = BulletinRef(
        id=bulletin_id, title=title, issuer=issuer, origin=str(path), published=None,
        year=int(years[0]) if years else None, region=None,
    )
    passages: list[Passage] = []
    section = None
    for paragraph, line in enumerate(body):
        if _SECTION.match(line):
            section = line
            continue
        sentences = [s.strip() for s in _SENTENCE_END.split(line) if s.strip()]
        passages += [Passage(ref, s, section, paragraph, i) for i, s in enumerate(sentences)]
    return passages


class Corpus:
    """BM25Okapi over every passage of the given files."""

    def __init__(self, paths: list[Path]) -> None:
        self.passages = [p for i, path in enumerate(paths) for p in parse_bulletin(path, i)]
        self.bm25 = BM25Okapi(
            [tokenize(p.bulletin.title) + tokenize(p.text) for p in self.passages]
        )

    def search(self, tokens: list[str], k: int) -> list[Hit]:
        scores = self.bm25.get_scores(tokens)
        best = np.argsort(-scores, kind="stable")[:k]
        return [self._hit(int(i), float(scores[i])) for i in best if scores[i] > 0]

    def _hit(self, index: int, score: float) -> Hit:
        p = self.passages[index]
        return Hit(passage_id=index, bulletin=p.bulletin, text=p.text, section=p.section,
                   paragraph=p.paragraph, position=p.position, score=score)

    def ask(self, question: str) -> Answer:
        analysis = analyze(question)
        return answer(analysis, self.search(analysis.query_tokens, analysis.retrieval_k))


def verdict(case: dict, got: Answer, strict_unit: bool = True) -> str:
    """correct / wrong / abstained, as service.evaluation judges it."""
    if got.abstained:
        return "abstained"
    if case.get("kind") == "issuer":
        return "correct" if case["answer"] in (got.answer or "") else "wrong"
    if got.value is None or not math.isclose(got.value, float(case["value"]), rel_tol=1e-6):
        return "wrong"
    same_unit = got.unit == case.get("unit") or not strict_unit
    return "correct" if same_unit else "wrong"


def load_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def corpus_for(name: str) -> Corpus:
    if name == "cmrc":
        return Corpus(sorted((SHARED / "corpus" / "cmrc2018-dev").glob("*.txt")))
    if name == "gov":
        return Corpus(sorted((SHARED / "corpus" / "gov-work-reports").glob("*.txt")))
    return Corpus([SEED])


def main(name: str) -> None:
    from test_qa_paraphrases import GOV_CASES, PARAPHRASES

    cases = {
        "seed": lambda: load_cases(SHARED / "eval" / "seed_qa.jsonl"),
        "cmrc": lambda: load_cases(SHARED / "eval" / "cmrc2018_dev_numeric.jsonl"),
        "paraphrase": lambda: PARAPHRASES,
        "gov": lambda: GOV_CASES,
    }[name]()
    corpus = corpus_for(name)
    counts: dict[str, int] = {}
    loose = 0
    started = time.perf_counter()
    for case in cases:
        got = corpus.ask(case["question"])
        result = verdict(case, got)
        loose += verdict(case, got, strict_unit=False) == "correct"
        counts[result] = counts.get(result, 0) + 1
        if result != "correct":
            print(f"{result:9} {case['question']} | want {case['answer']} | got {got.answer}")
    seconds = (time.perf_counter() - started) / max(1, len(cases))
    print(name, counts, f"value-only correct={loose}", f"{seconds * 1000:.1f} ms/question")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main(sys.argv[1] if len(sys.argv) > 1 else "seed")
