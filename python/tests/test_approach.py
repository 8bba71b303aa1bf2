"""The approach model from Python: the same report as pitchrisk-score --format json."""
import json
import os
import pathlib
import subprocess

import pytest

import pitchrisk

CASES = pathlib.Path(os.environ.get("PITCHRISK_SOURCE_DIR", pathlib.Path(__file__).parents[2])) / "examples" / "data" / "cases"


def test_score_file_equals_the_tool():
    tool = os.environ.get("PITCHRISK_SCORE_TOOL")
    if not tool:
        pytest.skip("PITCHRISK_SCORE_TOOL is not set (run through CTest)")
    files = sorted(CASES.glob("*.case"))
    assert files
    out = subprocess.run([tool, "--format", "json", "--samples", "0"] + [str(f) for f in files],
                         check=True, capture_output=True, text=True).stdout
    expected = json.loads(out)["cases"]
    model = pitchrisk.approach.Model(samples=0)
    assert [model.score_file(f) for f in files] == expected


def test_score_text_and_errors():
    model = pitchrisk.approach.Model()
    text = (CASES / "svr_tutoring_ad_engineer.case").read_text()
    report = model.score_text(text, "svr_tutoring_ad_engineer.case")
    assert report["label"] == "pitch"
    stages = [s["stage"] for s in report["stages"]]
    assert stages[-1] == "exposure"
    p = [s["assessment"]["p_pitch"] for s in report["stages"]]
    assert 0 <= p[0] <= 1 and p[-1] > p[0]
    with pytest.raises(pitchrisk.ParseError) as info:
        model.score_text("label pitch\nno_such_indicator=yes\n", "bad.case")
    assert info.value.file == "bad.case" and info.value.line == 2


def test_base_rate_moves_the_prior():
    low = pitchrisk.approach.Model(base_rate=0.001).score_file(CASES / "svr_tutoring_ad_engineer.case")
    high = pitchrisk.approach.Model(base_rate=0.2).score_file(CASES / "svr_tutoring_ad_engineer.case")
    assert low["stages"][0]["assessment"]["p_pitch"] < high["stages"][0]["assessment"]["p_pitch"]
    with pytest.raises(pitchrisk.ModelError, match="base_rate"):
        pitchrisk.approach.Model(base_rate=1.5)
