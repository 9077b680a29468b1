"""Full-width text folds into forms the extractor must read right: …… becomes ......
(it ends a clause, so the figure after it is not judged by the clause before it), and ½
becomes 1⁄2 (no figure of 2). Both once gave a wrong figure."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEED, engine_over

TEXT = (
    "东城市住房保障工作情况通报\n"
    "２０２３年，东城市新建保障性住房１２００套，人均住房面积达到３６．５㎡，"
    "比上年增加½平方米……全年共受理住房保障申请４５６０件，办结率达到９８％。\n"
    "（东城市住房保障局 供稿）\n"
)


def test_the_figure_after_an_ellipsis_answers_its_own_clause(tmp_path: Path) -> None:
    path = tmp_path / "bulletin.txt"
    path.write_text(TEXT, encoding="utf-8")
    engine = engine_over(tmp_path / "data", [SEED, path])
    try:
        applications = engine.ask("2023年东城市受理了多少住房保障申请？", log=False)
        assert (applications.value, applications.unit) == (4560, "件")
        homes = engine.ask("2023年东城市新建保障性住房多少套？", log=False)
        assert (homes.value, homes.unit) == (1200, "套")
        increase = engine.ask("2023年东城市人均住房面积比上年增加多少平方米？", log=False)
        assert increase.value != 2  # ½ is not 2; abstaining is right
    finally:
        engine.close()
