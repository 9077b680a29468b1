"""Scraped pages keep only the article: each rule below is quoted from the 2026 provincial
work reports as scraped from news and government sites (../shared/corpus/
provincial-reports-2026/), and none of them names a site or a file."""

from __future__ import annotations

import pytest

from ingest.page import clean_page, is_furniture, join_broken_lines, split_related
from ingest.parse import parse_bulletin

TITLE = "2026年江苏省政府工作报告"


def kept(lines: list[str], title: str = TITLE) -> list[str]:
    return clean_page(lines, title).lines


@pytest.mark.parametrize(
    "line",
    ["下载", "打印", "全屏", "收藏", "【字号:", "加大", "还原", "减小", "】", "【字体:", "大", "中", "小",
     "分享到微信", "×", "|", "扫一扫在手机打开当前页", "打印本页", "关闭窗口", "【", ">"],
)
def test_page_controls_are_not_text(line: str) -> None:
    assert is_furniture(line)


def test_a_source_line_at_the_head_of_a_page_is_metadata_and_the_article_follows() -> None:
    text = "\n".join([
        "2026年上海市政府工作报告", "", "下载", "打印", "2026年上海市政府工作报告",
        "——2026年2月3日在上海市第十六届人民代表大会第四次会议上", "来源:解放日报",
        "时间:2026-02-09", "上海市市长 龚 正", "各位代表:",
        "现在,我代表上海市人民政府,向大会报告工作,请予审议。",
        "全市生产总值达到5.67万亿元、增长5.4%。", "相关报道:",
        "(来源: https://example.org/detail.html?id=c93c6c18 ,发布日期 2026-02-09;经由公开仓库)",
    ])
    bulletin = parse_bulletin(text)
    assert bulletin.paragraphs == [
        "——2026年2月3日在上海市第十六届人民代表大会第四次会议上", "各位代表:",
        "现在,我代表上海市人民政府,向大会报告工作,请予审议。",
        "全市生产总值达到5.67万亿元、增长5.4%。",
    ]
    assert bulletin.issuer == "解放日报"
    assert bulletin.url == "https://example.org/detail.html?id=c93c6c18"
    assert bulletin.region == "上海市"
    assert bulletin.published is not None and bulletin.published.isoformat() == "2026-02-03"


def test_a_label_whose_value_is_on_the_next_line_takes_that_line_with_it() -> None:
    page = clean_page(["来源:", "四川日报", "【字体:", "大", "中", "小", "】", "分享:",
                       "各位代表:"], "2026年四川省人民政府工作报告")
    assert page.lines == ["各位代表:"]
    assert page.source == "四川日报"


@pytest.mark.parametrize(
    "lines",
    [
        ["时间:2026-02-09"], ["发表时间:", "2026-02-09 09:45:30"], ["阅读量:"],
        ["2026-02-03 09:02:33"], ["2026年02月10日 07时41分"], ["(来源:青海日报)"],
        ["编辑:何继红"], ["责任编辑:", "李莎莎"],
    ],
)
def test_labelled_metadata_and_timestamps_are_dropped(lines: list[str]) -> None:
    assert kept(lines) == []


def test_a_breadcrumb_and_its_column_heading_are_dropped() -> None:
    lines = ["您的位置:", "首页", ">", "云南要闻", "云南要闻", "2026年政府工作报告", "来源:云南日报",
             "——2026年1月28日在云南省第十四届人民代表大会第四次会议上"]
    assert kept(lines, "2026年政府工作报告") == [
        "——2026年1月28日在云南省第十四届人民代表大会第四次会议上"
    ]
    inline = ["当前位置:", "首页", ">", "政务信息", ">", "宁夏要闻", "各位代表:"]
    assert kept(inline) == ["各位代表:"]


@pytest.mark.parametrize(
    "line",
    [
        "自治区人民政府主席包钢作政府工作报告。本报记者 韩卿立 摄",
        "殷勇同志作政府工作报告。本报记者 戴冰摄",
        "1月27日,艾尔肯·吐尼亚孜代表自治区人民政府,向大会作政府工作报告。石榴云/新疆日报记者谢龙摄",
        "任振鹤作政府工作报告。新甘肃·甘肃日报记者 盛学卿",
        "省长叶建春作政府工作报告。本报全媒体记者 林 君摄",
    ],
)
def test_photo_captions_with_their_credit_are_dropped(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["上海市市长 龚 正", "省长 王予波", "自治区人民政府主席 包钢", "自治区主席 艾尔肯·吐尼亚孜",
     "重庆市人民政府市长 胡衡华"],
)
def test_the_speakers_byline_is_dropped(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        # Sentences that only look like furniture keep their place in the text.
        "(三)加强新闻记者队伍建设",
        "城镇新增就业141万人,城镇调查失业率4.6%。",
        "各位代表!",
        "一、2025年工作回顾",
        "新建绿道137公里、累计达到2136公里。",
        "附件",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_a_click_prompt_is_dropped() -> None:
    assert is_furniture("》》点击图片进入专题《《")


def test_headlines_after_a_related_marker_are_other_articles() -> None:
    lines = ["第一段很长的正文,城镇新增就业141万人,城镇调查失业率4.6%。" * 3, "相关链接>>",
             "abcd39f1fb7f426d9dfb6bd0fa1f2146:",
             "四川省第十四届人民代表大会第五次会议关于政府工作报告的决议", "打印本页", "关闭窗口"]
    article, related = split_related(lines)
    assert article == lines[:1]
    assert related == ["四川省第十四届人民代表大会第五次会议关于政府工作报告的决议"]


def test_a_page_header_printed_twice_is_kept_once() -> None:
    dateline = "2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚"
    assert kept([dateline, "首页", ">", "政府工作报告", dateline, "各位代表:"],
                "陕西省2026年政府工作报告") == [dateline, "各位代表:"]


@pytest.mark.parametrize(
    ("lines", "mended"),
    [
        (["持续改善空气质量,以PM", "2.5", "浓度持续下降为主线,推动氮氧化物和挥发性有机物减排。"],
         "持续改善空气质量,以PM2.5浓度持续下降为主线,推动氮氧化物和挥发性有机物减排。"),
        (["“十五五”时期经济社会发展的", "主要目标", "是:地区生产总值年均增长5%左右。"],
         "“十五五”时期经济社会发展的主要目标是:地区生产总值年均增长5%左右。"),
        (["由成果需求方带资金、带场景", "揭榜", "。"], "由成果需求方带资金、带场景揭榜。"),
    ],
)
def test_lines_split_by_inline_markup_are_mended(lines: list[str], mended: str) -> None:
    assert join_broken_lines(lines) == [mended]


def test_a_dateline_and_the_salutation_stay_apart() -> None:
    lines = ["——2026年2月3日在湖南省第十四届人民代表大会第四次会议上", "毛伟明", "各位代表:"]
    assert join_broken_lines(lines) == lines
