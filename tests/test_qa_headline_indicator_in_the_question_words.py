"""The headline's indicator is what the question counts, in its own words: without the
year, the question word and its unit, the verbs that only link (是, 达到, 有) and the
status words (预期目标) the headline states itself; places stay (they may be names)."""

from __future__ import annotations

import pytest

from qa.question import analyze

CASES = {
    "2025年粮食产量多少": "粮食产量",
    "2023年城镇新增就业多少人？": "城镇新增就业",
    "2024年国内生产总值增长的预期目标是多少?": "国内生产总值增长",
    "2026年浙江省地区生产总值预期增长多少?": "浙江省地区生产总值增长",
    "2019年国内生产总值比上年增长了多少?": "国内生产总值增长",
    "2018年政府工作报告说过去五年贫困人口减少了多少?": "过去五年贫困人口减少",
    "检查了多少家次旅游购物商场?": "检查旅游购物商场",
    "2021年财政赤字率": "财政赤字率",
    "2016年 城镇新增就业": "城镇新增就业",
    "2016年深圳市城镇新增就业多少人?": "深圳市城镇新增就业",
    "嘉兴南站有几条线？": "嘉兴南站线",
    "中国空间技术研究院共研制并成功发射多少颗人造卫星？": "中国空间技术研究院共研制并成功发射人造卫星",
    "比亚迪销量多少": "比亚迪销量",
}


@pytest.mark.parametrize(("question", "expected"), CASES.items())
def test_the_indicator_is_the_counted_thing_in_the_questions_words(
    question: str, expected: str
) -> None:
    assert analyze(question).indicator == expected
