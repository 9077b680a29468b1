"""A series as a PNG: achieved figures as a line, targets as markers, missing years as gaps.

Drawn with matplotlib's Agg backend (no display, safe in worker threads with one lock,
since pyplot's state is global), in a CJK font the system provides: Debian's
fonts-noto-cjk or fonts-wqy-zenhei (README, .ci/run). Without one, Chinese labels would
come out as boxes, so drawing refuses with a message naming the packages instead.
matplotlib is imported here only, when a chart is drawn: ``ask`` never pays for it.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from qa.series import display_scale, main_unit
from qa.types import SeriesPoint

if TYPE_CHECKING:
    from matplotlib.axes import Axes

WIDTH_PX, HEIGHT_PX, DPI = 1000, 560, 100
# Family names as fontconfig lists them (fc-list :lang=zh), best first, and the files
# Debian installs them as, for a matplotlib font cache built before the font was.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
                "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback")
CJK_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
_LOCK = threading.Lock()
_EVERY_YEAR_TICKS = 16  # up to this many years, every year gets its tick


class ChartFontMissing(RuntimeError):
    """No CJK font is installed: the chart's Chinese labels cannot be drawn."""


def cjk_family() -> str:
    """The first installed CJK font family matplotlib can use."""
    from matplotlib import font_manager

    def known() -> set[str]:
        return {entry.name for entry in font_manager.fontManager.ttflist}

    names = known()
    if not any(family in names for family in CJK_FAMILIES):
        for path in CJK_FILES:
            if Path(path).exists():
                font_manager.fontManager.addfont(path)
        names = known()
    for family in CJK_FAMILIES:
        if family in names:
            return family
    raise ChartFontMissing("画图需要中文字体：请安装 fonts-noto-cjk 或 fonts-wqy-zenhei"
                           "（apt-get install fonts-noto-cjk）")


def render_series(points: Sequence[SeriesPoint], title: str) -> bytes:
    """The PNG of ``points`` (WIDTH_PX × HEIGHT_PX), in the unit most points share."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    family = cjk_family()
    # WenQuanYi has one weight (500): matplotlib uses it for "normal" and says so on
    # every draw, which is noise in a CLI's output.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    with _LOCK, matplotlib.rc_context({"font.family": "sans-serif",
                                       "font.sans-serif": [family, "DejaVu Sans"],
                                       "axes.unicode_minus": False}):
        figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
        axes = figure.add_subplot()
        _draw(axes, list(points), title)
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _draw(axes: Axes, points: list[SeriesPoint], title: str) -> None:
    from matplotlib.ticker import MaxNLocator, MultipleLocator

    unit = main_unit(points)
    shown = [p for p in points if p.found is not None and p.found.unit == unit
             and p.found.value is not None]
    scale, factor = display_scale([p.found.figure or "" for p in shown if p.found])
    years = sorted({p.year for p in points})

    def values(status: str) -> list[float]:
        by_year = {p.year: p for p in shown if p.status == status}
        return [float(Decimal(str(by_year[y].found.value)) / factor)  # type: ignore[union-attr]
                if y in by_year else float("nan") for y in years]

    achieved = values("achieved")
    if any(v == v for v in achieved):  # NaN != NaN: a gap, never a joined line
        axes.plot(years, achieved, marker="o", linewidth=2, color="#1f5fa8", label="实际")
    planned = values("planned")
    if any(v == v for v in planned):
        axes.plot(years, planned, linestyle="none", marker="D", markersize=7,
                  markerfacecolor="none", color="#d9822b", label="预期目标")
    # A year is missing when the line's own status (the first asked) has no point there.
    line_status = points[0].status if points else "achieved"
    found_years = {p.year for p in shown if p.status == line_status}
    missing = [y for y in years if y not in found_years]
    for number, year in enumerate(missing):
        axes.axvspan(year - 0.4, year + 0.4, color="#bbbbbb", alpha=0.3, linewidth=0,
                     label="未找到" if number == 0 else None)
    axes.set_title(title)
    axes.set_xlabel("年份")
    axes.set_ylabel(f"{scale}{unit or ''}")
    if years:
        axes.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    few = len(years) <= _EVERY_YEAR_TICKS
    axes.xaxis.set_major_locator(MultipleLocator(1) if few else MaxNLocator(integer=True))
    axes.grid(True, alpha=0.3)
    axes.legend(loc="best")
