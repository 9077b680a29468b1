"""Counting units: which words after a number are units, and which units answer a question.

Bulletins count things in many near-synonymous ways (宗/件/起, 人/人次/名), so a question
asking 几家 must accept 家次 but never 元. The tables are vocabulary, not rules about any
one question.
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """Vocabulary is written as space-separated words: easier to read and extend."""
    return tuple(text.split())

# Measure words and units that may follow a number; matched longest first.
UNITS: frozenset[str] = frozenset(
    words("""
    微克/立方米 微克每立方米 标准箱 标箱
    平方公里 平方千米 平方米 平方英里 平方英尺 立方米 公里 千米 英里 英尺 英寸 海里 光年 厘米 公分
    毫米 米 km2 km² m2 m² m3 m³ km m cm mm 公顷 亩 吨 公斤 千克 克 kg 斤 千瓦小时 千瓦时 千瓦 瓦 度
    元 美元 日元 港元 欧元 英镑 新台币 澳元 韩元 卢布
    % 个百分点 百分点 倍 成
    人次 家次 个次 户次 车次 架次 批次 艘次 班次
    人 名 位 户 家 个 处 册 座 条 辆 艘 颗 枚 头 只 匹 项 场 岁 年 天 周 小时 分钟 秒 个月
    宗 件 起 例 次 页 卷 集 话 首 部 本 篇 套 台 架 列 趟 班 站 间 所 层 级 届 期 批 种 类 股
    张 块 份 片 棵 株 步 组 面 对 队 支 线 球 分 点 票 轮 口 门 节 章 幅 道 栋 幢 根 双 箱 袋
    包 瓶 MB GB KB TB
    """)
)

MONEY_UNITS: frozenset[str] = frozenset(
    words("元 美元 日元 港元 欧元 英镑 新台币 澳元 韩元 卢布")
)
LENGTH_UNITS = ("公里", "千米", "米", "厘米", "公分", "毫米", "英寸", "英尺", "英里", "海里",
                "光年", "km", "m", "cm", "mm")
BODY_UNITS = ("公分", "厘米", "米", "毫米", "英寸", "cm", "mm", "m")
# ㎡ and ㎢ reach us NFKC-folded as m2 and km2: area, never metres.
AREA_UNITS = ("平方米", "平方公里", "平方千米", "亩", "公顷", "平方英里", "平方英尺", "m2", "m²",
              "km2", "km²")
WEIGHT_UNITS = ("克", "公斤", "千克", "吨", "斤", "kg")
DURATION_UNITS = ("小时", "分钟", "秒", "天", "年", "个月", "周")
RATE_UNITS = ("%", "个百分点", "百分点")
PEOPLE_UNITS = ("人", "人次", "名", "位")

# A unit named in the question also accepts these units in the text.
FAMILIES: dict[str, tuple[str, ...]] = {
    "家": ("家", "家次", "间"),
    "家次": ("家次", "家"),
    "户": ("户", "户次", "家"),
    "户次": ("户次", "户"),
    "人": ("人", "人次", "名", "位"),
    "人次": ("人次", "人"),
    "名": ("名", "人", "位"),
    "位": ("位", "人", "名"),
    "宗": ("宗", "件", "起", "例"),
    "件": ("件", "宗", "起"),
    "起": ("起", "宗", "件"),
    "例": ("例", "宗", "起"),
    "个次": ("个次", "个"),
    "间": ("间", "家"),
    "公里": ("公里", "千米", "km"),
    "千米": ("千米", "公里", "km"),
    "米": ("米", "m"),
    "公分": ("公分", "厘米", "cm"),
    "厘米": ("厘米", "公分", "cm"),
    "平方公里": ("平方公里", "平方千米", "km2", "km²"),
    "平方米": ("平方米", "m2", "m²"),
    "公斤": ("公斤", "千克", "kg"),
    "千克": ("千克", "公斤", "kg"),
    "微克每立方米": ("微克/立方米",),
    "千瓦时": ("千瓦时", "千瓦小时", "度"),
    "千瓦小时": ("千瓦小时", "千瓦时", "度"),
    "钱": tuple(MONEY_UNITS),
    "%": RATE_UNITS,
}

# One unit written two ways: the figure reports the first form (28.5微克每立方米, 四川 2026,
# is 28.5 微克/立方米).
SPELLINGS: dict[str, str] = {"微克每立方米": "微克/立方米"}

# Units a question may name that we never match on their own in running text.
ASKED_ONLY: frozenset[str] = frozenset({"大", "钱"})

# Nouns that imply a unit when the question names no unit ("出动了多少检查人员").
NOUN_UNITS: dict[str, tuple[str, ...]] = {
    **{noun: tuple(MONEY_UNITS) for noun in words(
        "钱 金额 资金 经费 费用 罚款 罚没款 经济损失 损失 投资 收入 票房 融资 赔偿 赔偿金 "
        "售价 价格 定价 成本 预算 拨款 补贴 补助 奖金 产值 营业额 销售额 生产总值 GDP 财政收入 "
        "债券 赤字 募集 退税 减税 降费 税负 税费 负担 减负 支出 贷款 存款 储备 外汇储备 "
        "花费 开支 利润 营收 进出口 出口 进口 外贸 贸易"
    )},
    # 出口量 counts goods in their own units, whatever they are
    **{noun: () for noun in words("出口量 进口量")},
    **{noun: ("人", "人次", "名", "位") for noun in words(
        "人员 人数 人口 学生 居民 员工 工作人员 检查人员 执法人员 干部 游客 观众 选手 队员 "
        "就业 失业 贫困人口"
    )},
    **{noun: ("户", "家", "家次", "户次") for noun in words("商户 企业 门店 农户 住户")},
    **{noun: ("宗", "件", "起", "例") for noun in words("投诉 举报 举报投诉 投诉举报 案件 事故")},
    **{noun: AREA_UNITS for noun in words("面积 占地")},
    **{noun: LENGTH_UNITS for noun in words(
        "全长 总长 长度 距离 多远 多长 肩高 水深 深度 高度 身高 外径 直径 宽度 途程 里程 厚度"
    )},
    **{noun: BODY_UNITS for noun in words("体长 特长")},
    **{noun: WEIGHT_UNITS for noun in words(
        "重量 体重 质量 多重 粮食产量 粮食总产量 钢产量 煤炭产量 原煤产量 粮食 钢 棉花产量 产钢"
    )},
    **{noun: ("岁",) for noun in words("年龄 享年 岁")},
    **{noun: DURATION_UNITS for noun in words("多久 时长 时间")},
    **{noun: RATE_UNITS for noun in words(
        "增长 增速 增幅 下降 降低 降幅 比重 占比 上涨 涨幅 涨 失业率 赤字率 CPI cpi PPI ppi 物价 "
        "强度"
    )},
}

_BY_LENGTH: tuple[str, ...] = tuple(sorted(UNITS, key=len, reverse=True))


def unit_at(text: str, start: int, extra: tuple[str, ...] = ()) -> str | None:
    """The longest unit beginning at ``start``; ``extra`` adds units a question asked for."""
    for unit in (*sorted(extra, key=len, reverse=True), *_BY_LENGTH):
        if text.startswith(unit, start):
            if unit.isascii() and unit.isalpha() and _letter_follows(text, start + len(unit)):
                continue  # "m" inside "mile" or "MB" inside a word is no unit
            if unit.endswith("次") and text.startswith("级", start + len(unit)):
                continue  # 5个次级行政区 counts 个, not 个次
            return unit + _per_unit(text, start + len(unit))
    return None


def _per_unit(text: str, end: int) -> str:
    """"/人" in 全员劳动生产率42万元/人 (上海 2026): an amount per head is not an amount, so
    the unit is 元/人 and no question asking for 元 takes it."""
    if not text.startswith("/", end):
        return ""
    for unit in _BY_LENGTH:
        if text.startswith(unit, end + 1) and not unit.isascii():
            return "/" + unit
    return ""


def _letter_follows(text: str, end: int) -> bool:
    return end < len(text) and text[end].isascii() and text[end].isalpha()


def accepted_units(asked: str) -> tuple[str, ...]:
    """The units in running text that answer a question asking in ``asked``."""
    return FAMILIES.get(asked, (asked,))
