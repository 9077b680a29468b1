"""The trend chart: a PNG of the expected size whose Chinese labels all have glyphs.

matplotlib warns "Glyph … missing from font(s)" and draws a box when the font lacks a
character; here that warning is an error, and a chart drawn without the CJK font must
trip it (so the check itself is known to work).
"""

from __future__ import annotations

import io
import warnings

import pytest

from qa.types import Answer, FigureStatus, SeriesPoint
from service import chart


def point(year: int, value: float | None, status: FigureStatus = "achieved") -> SeriesPoint:
    if value is None:
        return SeriesPoint(year, status, None)
    raw = f"{value:g}万人" + ("以上" if status == "planned" else "")
    found = Answer(question="q", answer=raw, abstained=False, figure=raw,
                   value=value * 10_000, unit="人", figure_year=year, status=status)
    return SeriesPoint(year, status, found)


POINTS = [point(2016, 1314), point(2016, 1000, "planned"), point(2017, 1351),
          point(2018, None), point(2018, 1100, "planned"), point(2019, 1361)]


def decoded(png: bytes) -> tuple[int, int]:
    from matplotlib.image import imread

    pixels = imread(io.BytesIO(png), format="png")
    return pixels.shape[1], pixels.shape[0]


def test_chart_renders_chinese_labels_without_missing_glyphs() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = chart.render_series(POINTS, "城镇新增就业（2016—2019年）")
    assert png.startswith(b"\x89PNG")
    assert decoded(png) == (chart.WIDTH_PX, chart.HEIGHT_PX)


def test_a_font_without_chinese_trips_the_missing_glyph_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(chart, "cjk_family", lambda: "DejaVu Sans")
    with warnings.catch_warnings(), pytest.raises(UserWarning, match="missing from font"):
        warnings.simplefilter("error")
        chart.render_series(POINTS, "城镇新增就业")


def test_without_any_cjk_font_drawing_refuses_and_names_the_packages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from matplotlib import font_manager

    monkeypatch.setattr(chart, "CJK_FILES", ())
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [
        f for f in font_manager.fontManager.ttflist if f.name not in chart.CJK_FAMILIES])
    with pytest.raises(chart.ChartFontMissing, match="fonts-noto-cjk"):
        chart.render_series(POINTS, "城镇新增就业")
