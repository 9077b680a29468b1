"""Web-page furniture in scraped text: the lines a page shows around an article.

Text copied from a news or government page carries the page's controls (下载 / 打印 /
【字号：加大 还原 减小】), its breadcrumb (您的位置：首页 > 云南要闻), labelled metadata
(来源：解放日报, 时间：2026-02-09, 阅读量：), photo credits (本报记者 戴冰摄), the speaker's
byline (上海市市长 龚 正) and, after the article, a list of related articles. None of it is
the article; left in, each line becomes a passage that can top a search. The rules here
are about how pages are built, not about any one site, so they hold for pages not yet seen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from qa.units import words

# Words a page prints as buttons or menus; a line made only of these (and brackets or
# separators) is a control strip: 下载, 【字号：, 加大, 分享到微信, 扫一扫在手机打开当前页.
_CONTROLS = words(
    "扫一扫在手机打开当前页 分享到微信 分享到微博 分享到 打印本页 关闭窗口 返回顶部 返回首页 "
    "下载 打印 全屏 收藏 分享 关闭 返回 字号 字体 加大 还原 减小 默认 首页 微信 微博 大 中 小"
)
_CONTROL_LINE = re.compile(f"(?:{'|'.join(map(re.escape, _CONTROLS))})*")
_NOT_WORD = re.compile(r"[\W_]+")
# 来源：解放日报 / 时间：2026-02-09 / 阅读量： / （来源：青海日报）: a label and a short value,
# or a label alone whose value the page put on the next line.
_LABEL = re.compile(
    r"^[(（]?(?P<label>来源|稿件来源|信息来源|文章来源|时间|发布时间|发表时间|发布日期|日期|作者|"
    r"编辑|责任编辑|审核|校对|阅读量|阅读数|阅读|浏览量|浏览次数|点击数|点击量|分享|"
    r"当前位置|您的位置|您现在的位置|所在位置)\s*[:：]\s*(?P<value>[^。！？；]{0,30}?)[)）]?$"
)
_VALUE_ON_NEXT_LINE = frozenset(words(
    "来源 稿件来源 信息来源 文章来源 时间 发布时间 发表时间 发布日期 日期 "
    "作者 编辑 责任编辑 审核 校对"
))
_SOURCE_LABELS = frozenset(words("来源 稿件来源 信息来源 文章来源"))
_SHORT_VALUE = re.compile(r"^[^。！？；，,]{1,20}$")
# 2026-02-03 09:02:33 / 2026年02月10日 07时41分: a page's timestamp alone on a line.
_TIMESTAMP = re.compile(
    r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}[:时]\d{2}(?:[:分]\d{2}秒?)?分?)?$"
)
# A photo credit ends its caption: 本报记者 戴冰摄, 石榴云/新疆日报记者谢龙摄,
# 新甘肃·甘肃日报记者 盛学卿, 摄影：张三.
_PHOTO_CREDIT = re.compile(
    r"(?:记者|通讯员|摄影)[:：]?\s*[\u4e00-\u9fff·]{1,4}(?:\s[\u4e00-\u9fff·]{1,4})?\s*摄$"
    r"|(?:记者|摄影)[:：]?\s+[\u4e00-\u9fff·]{1,4}(?:\s[\u4e00-\u9fff·]{1,4})?$"
)
_CREDIT_MAX_CHARS = 90
# The speaker's byline under a report's title: an office and a name, nothing else
# (上海市市长 龚 正, 自治区人民政府主席 包钢, 省长 王予波).
_BYLINE = re.compile(
    r"^[\u4e00-\u9fff]{0,12}?(?:省长|市长|主席|区长|县长|州长|盟长|旗长|书记|主任|局长)"
    r"\s+[\u4e00-\u9fff·]{1,8}(?:\s[\u4e00-\u9fff·]{1,8})?$"
)
_BYLINE_MAX_CHARS = 25
# 》》点击图片进入专题《《: a prompt to click, not text.
_CLICK_PROMPT = re.compile(r"点击.{0,8}(?:进入|查看|阅读|浏览|下载)")
_PROMPT_MAX_CHARS = 25
# 相关报道： / 相关链接>>: what follows is other articles, not this one.
_RELATED = re.compile(
    r"^(?:相关|延伸)(?:报道|文档|链接|附件|阅读|新闻|文章|稿件|推荐)\s*(?:[:：]|>>|》+)?$"
)
_BREADCRUMB_SEPARATOR = re.compile(r"\s*(?:>|＞|»|›)\s*")
_BREADCRUMB_ITEM_CHARS = 12
_REPEAT_MIN_CHARS = 10
# Inline markup (a subscript, a bold phrase) puts its words on a line of their own:
# "以PM" / "2.5" / "浓度持续下降为主线", "市场“双向" / "揭榜" / "挂帅”的简称".
_FRAGMENT_MAX_CHARS = 8
_CLAUSE_PUNCTUATION = re.compile(r"[，,、。；;：:]")
_ENDS_CLAUSE = re.compile(r"[\W_]$")
_ENDS_ON_PARTICLE = re.compile(r"[的和与及或在对把被将]$")
_NUMBERED = re.compile(
    r"^(?:\d+[.、]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|第)"
)
_HEX_ID = re.compile(r"^[0-9a-f]{16,}[:：]?$")
# Scraped reports also break long sentences across lines (认真贯彻《 / 证券法 / 》,
# 国内生产总值达到74.4 / 万亿元) and leave page numbers between paragraphs.
_ENDS_A_PARAGRAPH = re.compile(r"[。！？；：…”」』）)!?;:]$")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_SPLIT_FIGURE = re.compile(r"\d$")
_UNIT_START = re.compile(r"^(?:[万亿千百%％]|[元吨人户个件台辆公米亩斤])")
_DATELINE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
_SALUTATION = re.compile(r"^(?:各位代表|同志们|各位委员)")
# Shorter unfinished lines are headers and bylines (国务院总理 / 李克强), not broken text.
_BROKEN_MIN_CHARS = 30


@dataclass
class Page:
    """The article's own lines, and what the page said about where it came from."""

    lines: list[str]
    source: str | None = None
    dropped: list[str] = field(default_factory=list)


def split_related(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """The article, and the headlines after a 相关报道 / 相关链接 marker in its tail."""
    total = sum(map(len, lines))
    seen = 0
    for index, line in enumerate(lines):
        if _RELATED.match(line) and seen * 2 >= total:
            headlines = [h for h in lines[index + 1:] if is_headline(h)]
            return list(lines[:index]), headlines
        seen += len(line)
    return list(lines), []


def is_headline(line: str) -> bool:
    """A related article's title, not a control, an id or a marker between them."""
    return not (is_furniture(line) or _HEX_ID.match(line) or _RELATED.match(line))


def join_broken_lines(lines: Sequence[str]) -> list[str]:
    """Mend lines that inline markup split: a short piece after a line that stops
    mid-clause joins it, and so does the line after the piece when the clause goes on.
    A line of punctuation alone (the 。 after a bold word) closes the line before it.
    A long line that stops without closing punctuation goes on in the next line (广义货币M
    / 2 / 增长11.3%), and a lone number after a finished paragraph is a page number."""
    out: list[str] = []
    carry = False  # the last line of ``out`` was mended and still stops mid-clause
    for line in lines:
        previous = out[-1] if out else ""
        if _PAGE_NUMBER.match(line) and (not previous or _ENDS_A_PARAGRAPH.search(previous)):
            continue
        if previous and (_continues(previous, line, carry) or _sentence_goes_on(previous, line)):
            out[-1] = previous + line
            carry = not _ENDS_CLAUSE.search(out[-1])
            continue
        out.append(line)
        carry = False
    return out


def _sentence_goes_on(previous: str, line: str) -> bool:
    """A long line (or a number cut from its unit: 74.4 / 万亿元) that stops without
    closing punctuation; never across a numbered heading."""
    if _ENDS_A_PARAGRAPH.search(previous) or _NUMBERED.match(previous) or _NUMBERED.match(line):
        return False
    if _DATELINE.search(previous) and not _SPLIT_FIGURE.search(previous):
        return False  # a dateline (——2026年2月3日在……会议上)
    if _SALUTATION.match(line):
        return False  # 各位代表： opens the speech
    long_enough = len(previous) >= _BROKEN_MIN_CHARS or bool(_PAGE_NUMBER.match(previous))
    split_figure = bool(_SPLIT_FIGURE.search(previous) and _UNIT_START.match(line))
    return long_enough or split_figure


def _continues(previous: str, line: str, carry: bool) -> bool:
    if _ENDS_CLAUSE.search(previous):
        return False
    if carry:
        return not _NUMBERED.match(line)
    if not (_CLAUSE_PUNCTUATION.search(previous) or _ENDS_ON_PARTICLE.search(previous)):
        return False
    if not _NOT_WORD.sub("", line):
        return True  # 。 alone
    return len(line) <= _FRAGMENT_MAX_CHARS and not _ENDS_CLAUSE.search(line)


def clean_page(lines: Sequence[str], title: str) -> Page:
    """Drop page furniture, then mend the article's lines that markup split."""
    page = Page(lines=[])
    skip_next = False
    crumbs = _breadcrumb_items(lines)
    for index, line in enumerate(lines):
        if skip_next:
            skip_next = False
            page.dropped.append(line)
            continue
        label = _LABEL.match(line)
        if label:
            skip_next = _value_on_next_line(label, lines, index)
            value = label.group("value").strip() or (lines[index + 1] if skip_next else "")
            if label.group("label") in _SOURCE_LABELS and value and page.source is None:
                page.source = value
            page.dropped.append(line)
            continue
        if index in crumbs or _repeats(line, lines, index, title) or is_furniture(line):
            page.dropped.append(line)
            continue
        page.lines.append(line)
    page.lines = join_broken_lines(page.lines)
    return page


def is_furniture(line: str) -> bool:
    """A line that belongs to the page, not to any article."""
    words = _NOT_WORD.sub("", line)
    if _CONTROL_LINE.fullmatch(words):
        return True  # controls, separators, or no words at all (】, |, ×, >, 。)
    if _TIMESTAMP.match(line):
        return True
    if len(line) <= _CREDIT_MAX_CHARS and _PHOTO_CREDIT.search(line):
        return True
    if len(line) <= _BYLINE_MAX_CHARS and _BYLINE.match(line):
        return True
    return len(line) <= _PROMPT_MAX_CHARS and bool(_CLICK_PROMPT.search(line))


def _value_on_next_line(label: re.Match[str], lines: Sequence[str], index: int) -> bool:
    """来源： alone on its line, 四川日报 on the next: the next line is the value."""
    if label.group("value").strip() or label.group("label") not in _VALUE_ON_NEXT_LINE:
        return False
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(_SHORT_VALUE.match(following)) and not _LABEL.match(following)


def _breadcrumb_items(lines: Sequence[str]) -> set[int]:
    """Indexes of a breadcrumb's items: short lines joined by ``>`` lines (首页 > 云南要闻),
    or one line of short items separated by ``>``."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        parts = [p for p in _BREADCRUMB_SEPARATOR.split(line) if p]
        if len(parts) > 1 and all(len(p) <= _BREADCRUMB_ITEM_CHARS for p in parts):
            found.add(index)
        if _BREADCRUMB_SEPARATOR.fullmatch(line):
            found.add(index)
            for neighbour in (index - 1, index + 1):
                if 0 <= neighbour < len(lines) and len(lines[neighbour]) <= _BREADCRUMB_ITEM_CHARS:
                    found.add(neighbour)
    return found


def _repeats(line: str, lines: Sequence[str], index: int, title: str) -> bool:
    """The title again (or a part of it: 政府工作报告), the line just before again (a menu
    item repeated as the column's heading), or a longer line the page already showed (a
    header block printed twice); short lines such as 各位代表！ may recur in the text."""
    if line == title or (len(line) >= 4 and line in title):
        return True
    if index > 0 and lines[index - 1] == line:
        return True
    return len(line) >= _REPEAT_MIN_CHARS and line in lines[:index]
