"""`ask --explain` shows why the answer came out: each candidate's year, status and reason."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run(data_dir: Path, *args: str) -> str:
    env = {**os.environ, "DATA_DIR": str(data_dir), "DATABASE_URL": ""}
    done = subprocess.run([sys.executable, "-m", "cli.main", "ask", *args], env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def test_explain_names_the_rejected_years_figure(tmp_path: Path) -> None:
    """The seed states 2017's figure; a 2019 question abstains, and --explain says why."""
    out = run(tmp_path, "--explain", "2019年高新区受理了多少举报投诉?")
    assert "3843宗｜2017年（据本句）｜实际" in out
    assert "不采用：是2017年的数字" in out


def test_explain_under_json_lists_the_candidates(tmp_path: Path) -> None:
    answer = json.loads(run(tmp_path, "--json", "--explain", "2017年高新区受理了多少举报投诉?"))
    first = answer["explain"][0]
    assert answer["value"] == 3843
    assert (first["figure"], first["year"], first["status"], first["rejected"]) == (
        "3843宗", 2017, "achieved", None)
    plain = json.loads(run(tmp_path, "--json", "2017年高新区受理了多少举报投诉?"))
    assert "explain" not in plain
