"""Networks: reading, inspecting, writing and building from Python."""
import numpy as np
import pytest

import pitchrisk


def test_read_and_inspect(asia_path):
    net = pitchrisk.read_bif(asia_path)
    assert len(net) == 8
    assert "tub" in net.variables
    assert net.states("tub") == ["yes", "no"]
    assert net.parents("either") == ["lung", "tub"] or set(net.parents("either")) == {"lung", "tub"}
    assert net.arc_count == 8
    cpt = net.cpt("either")
    assert cpt.shape == (2, 4)
    np.testing.assert_allclose(cpt.sum(axis=0), 1.0)
    assert repr(net).startswith("<pitchrisk.Network") and "8 variables" in repr(net)


def test_bif_round_trip(asia_path, tmp_path):
    net = pitchrisk.read_bif(asia_path)
    again = pitchrisk.read_bif_string(net.to_bif())
    assert again == net
    out = tmp_path / "asia.bif"
    net.write_bif(out)
    assert pitchrisk.read_bif(out) == net


def build_rain():
    b = pitchrisk.NetworkBuilder("rain")
    b.add_variable("rain", ["yes", "no"])
    b.add_variable("wet", ["yes", "no"])
    b.set_parents("wet", ["rain"])
    b.set_cpt("rain", [0.2, 0.8])
    b.set_cpt("wet", np.array([[0.9, 0.1], [0.1, 0.9]]))  # column j: rain = state j
    return b.build()


def test_build_from_python_matches_hand_computation():
    net = build_rain()
    engine = pitchrisk.VariableElimination(net)
    # P(rain | wet) = 0.2 * 0.9 / (0.2 * 0.9 + 0.8 * 0.1)
    assert engine.posterior("rain", {"wet": "yes"})["yes"] == pytest.approx(0.18 / 0.26, rel=1e-14)


def test_a_bad_cpt_is_a_model_error():
    b = pitchrisk.NetworkBuilder("bad")
    b.add_variable("a", ["x", "y"])
    b.set_cpt("a", [0.5, 0.6])
    with pytest.raises(pitchrisk.ModelError, match="'a'"):
        b.build()


def test_parse_error_carries_the_place():
    with pytest.raises(pitchrisk.ParseError) as info:
        pitchrisk.read_bif_string("network x {\nvariable a {\n type discrete [ 2 ] { y n }\n", "broken.bif")
    err = info.value
    assert isinstance(err, pitchrisk.Error)
    assert err.file == "broken.bif"
    assert err.line >= 1
    assert "broken.bif" in str(err)


def test_missing_file_is_an_io_error(tmp_path):
    with pytest.raises(pitchrisk.IOError):
        pitchrisk.read_bif(tmp_path / "nothing.bif")
