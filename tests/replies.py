"""A bulletin typed the way Chinese pages type them, and checks on the bot's own words.

The bulletin uses full-width punctuation and digits, a ㎡ and a ½ (NFKC makes both longer)
and a zero-width space before the answered sentence, so a quote that went through
normalisation, or an offset that did not map back, shows up as a difference.
"""

from __future__ import annotations

import re
from pathlib import Path

TITLE = "东城市住房保障工作情况通报"
ISSUER = "东城市住房保障局"
FIGURE_SENTENCE = "全年共受理住房保障申请４５６０件，办结率达到９８％；"
BULLETIN = (
    f"{TITLE}\n"
    "２０２３年，东城市新建保障性住房１２００套，人均住房面积达到３６．５㎡，"
    f"比上年增加½平方米。{FIGURE_SENTENCE}群众满意度\u200b明显提高。\n"
    "棚户区改造、老旧小区整治……各项工作稳步推进。\n"
    f"（{ISSUER} 供稿）\n"
)
QUESTION = "2023年东城市受理了多少住房保障申请？"
FIGURE = "4560件"
UNANSWERABLE = "2023年东城市建了多少座桥？"

# Half-width punctuation touching a Chinese character (or Chinese punctuation).
_CJK = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”《》…—]"
HALF_WIDTH_BESIDE_CJK = re.compile(rf"(?<={_CJK})[,:;()!?]|[,:;()!?](?={_CJK})")


def write_bulletin(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "dongcheng-zhufang-2023.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    return path


def half_width_in(text: str) -> list[str]:
    """Each half-width mark next to Chinese, with a little context, for a failure message."""
    return [text[max(0, m.start() - 8):m.end() + 8] for m in HALF_WIDTH_BESIDE_CJK.finditer(text)]
