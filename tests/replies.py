"""A bulletin typed the way Chinese pages type them, and checks on the bot's own words.

The bulletin uses full-width punctuation and digits, a ㎡ and a ½ (NFKC makes both longer)
and a zero-width space before the answered sentence, so a quote that went through
normalisation, or an offset that did not map back, shows up as a difference.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from service.settings import Settings
from tests.conftest import SEED

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


# A city's work report as a newspaper's page carries it: controls, the dateline of the
# session it was delivered at, 来源：东城日报, and the page's percent-encoded address.
REPORT_URL = ("https://www.dcrb.cn/%E6%94%BF%E5%BA%9C%E5%B7%A5%E4%BD%9C%E6%8A%A5%E5%91%8A"
              "/2024.html")
REPORT_URL_DECODED = "https://www.dcrb.cn/政府工作报告/2024.html"
REPORT_TITLE = "2024年东城市政府工作报告"
REPORT_DATELINE = "2024年1月20日在东城市第十七届人民代表大会第三次会议上"
REPORT = (
    f"{REPORT_TITLE}\n下载\n打印\n【字号：\n加大\n】\n{REPORT_TITLE}\n{REPORT_DATELINE}\n"
    "来源：东城日报\n东城市市长 张 三\n各位代表：\n"
    "现在，我代表市人民政府向大会作政府工作报告，请予审议。\n"
    "一、2023年工作回顾\n"
    "2023年，全市地区生产总值达到１２３４．５亿元，增长６．２％。\n"
    "全年城镇新增就业５．６万人，城镇调查失业率５．１％。\n"
    f"(来源: {REPORT_URL} ，发布日期 2024-01-22)\n"
)
REPORT_QUESTION = "2023年东城市城镇新增就业多少人？"
# The same kind of report published by the government itself.
OWN_REPORT_TITLE = "2024年西城区政府工作报告"
OWN_REPORT = (
    f"{OWN_REPORT_TITLE}\n2024年1月18日在西城区第十七届人民代表大会第三次会议上\n"
    "来源：西城区人民政府\n各位代表：\n"
    "2023年，全区一般公共预算收入完成４５６．７亿元，增长５．３％。\n"
    "全年新增城镇就业３．２万人。\n"
)
OWN_REPORT_QUESTION = "2023年西城区一般公共预算收入是多少？"


def write_reports(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "dongcheng-report-2024.txt", folder / "xicheng-report-2024.txt"]
    for path, text in zip(paths, (REPORT, OWN_REPORT), strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


def seed_folder(folder: Path, *, stock_seed: bool = True) -> Path:
    """Seeds for a fresh store: the full-width bulletin, both reports and (unless a test
    must hold only full-width text) the stock seed, typed with half-width commas."""
    write_bulletin(folder)
    write_reports(folder)
    if stock_seed:
        (folder / SEED.name).write_bytes(SEED.read_bytes())
    return folder


def settings_over(tmp_path: Path, database_url: str, *, stock_seed: bool = True) -> Settings:
    return Settings(  # type: ignore[call-arg]
        data_dir=tmp_path / "data", database_url=database_url,
        seeds_dir=seed_folder(tmp_path / "seeds", stock_seed=stock_seed), _env_file=None,
    )


def plain(sent_html: str) -> str:
    """What a Telegram user reads: the HTML's text."""
    return html.unescape(re.sub(r"<[^>]+>", "", sent_html))
