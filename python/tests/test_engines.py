"""Engines: the same answers as the C++ library, bit for bit; evidence forms; errors."""
import os
import subprocess

import numpy as np
import pytest

import pitchrisk


def cxx_answers(kind, path, findings):
    program = os.environ.get("PITCHRISK_CXX_ANSWERS")
    if not program:
        pytest.skip("PITCHRISK_CXX_ANSWERS is not set (run through CTest)")
    out = subprocess.run([program, kind, str(path)] + [f"{k}={v}" for k, v in findings.items()],
                         check=True, capture_output=True, text=True).stdout.split("\n")
    logpe = float(out[0].split()[1])
    rows = [line.split() for line in out[1:] if line]
    posteriors = {r[0]: [float(x) for x in r[1:]] for r in rows if r[0] != "single"}
    singles = {r[1]: [float(x) for x in r[2:]] for r in rows if r[0] == "single"}
    return logpe, posteriors, singles


@pytest.mark.parametrize("kind", ["jt", "ve"])
@pytest.mark.parametrize("name,findings", [
    ("asia", {}),
    ("asia", {"asia": "yes", "dysp": "yes", "xray": "yes"}),
    ("alarm", {"HRBP": "HIGH", "CO": "LOW", "BP": "HIGH"}),
])
def test_same_bits_as_cxx(kind, name, findings, shared_network):
    path = shared_network(name)
    net = pitchrisk.read_bif(path)
    engine = pitchrisk.JunctionTree(net) if kind == "jt" else pitchrisk.VariableElimination(net)
    logpe, posteriors, singles = cxx_answers(kind, path, findings)
    assert engine.log_evidence_probability(findings) == logpe
    got = engine.posteriors(findings)
    for var, probs in posteriors.items():
        assert list(got[var].values()) == probs
        assert list(engine.posterior(var, findings).values()) == singles[var]


def test_evidence_forms_agree(asia_path):
    net = pitchrisk.read_bif(asia_path)
    jt = pitchrisk.JunctionTree(net)
    by_name = jt.posterior("tub", {"xray": "yes"})
    yes = net.states("xray").index("yes")
    by_index = jt.posterior("tub", {"xray": yes})
    by_numpy_index = jt.posterior("tub", {"xray": np.int64(yes)})
    one_hot = [0.0] * len(net.states("xray"))
    one_hot[yes] = 1.0
    by_likelihood = jt.posterior("tub", {"xray": one_hot})
    assert by_name == by_index == by_numpy_index
    assert by_likelihood["yes"] == pytest.approx(by_name["yes"], rel=1e-12)


def test_soft_evidence_against_ve(asia_path):
    net = pitchrisk.read_bif(asia_path)
    seen = {"xray": [0.8, 0.3], "smoke": "yes"}
    jt, ve = pitchrisk.JunctionTree(net), pitchrisk.VariableElimination(net)
    for var in net.variables:
        a, b = jt.posterior(var, seen), ve.posterior(var, seen)
        assert a == pytest.approx(b, rel=1e-12, abs=1e-15)


def test_mpe(asia_path):
    net = pitchrisk.read_bif(asia_path)
    states, logp = pitchrisk.JunctionTree(net).mpe({"dysp": "yes"})
    assert states["dysp"] == "yes"
    assert set(states) == set(net.variables)
    assert logp == pytest.approx(pitchrisk.VariableElimination(net).mpe({"dysp": "yes"})[1], rel=1e-12)
    assert logp <= pitchrisk.JunctionTree(net).log_evidence_probability({"dysp": "yes"})


@pytest.mark.parametrize("seen,error", [
    ({"nothing": "yes"}, pitchrisk.EvidenceError),
    ({"tub": "maybe"}, pitchrisk.Error),
    ({"tub": 7}, pitchrisk.EvidenceError),
    ({"tub": True}, pitchrisk.EvidenceError),
    ({"tub": [1.0]}, pitchrisk.EvidenceError),
    ({"tub": "yes", "either": "no"}, pitchrisk.EvidenceError),
])
def test_bad_evidence_raises(asia_path, seen, error):
    jt = pitchrisk.JunctionTree(pitchrisk.read_bif(asia_path))
    with pytest.raises(error):
        jt.posterior("lung", seen)


def test_engine_keeps_its_network_alive(asia_path):
    jt = pitchrisk.JunctionTree(pitchrisk.read_bif(asia_path))
    import gc
    gc.collect()
    assert jt.network.name == "unknown" or len(jt.network) == 8
    assert jt.posterior("tub")["yes"] == pytest.approx(0.0104, abs=1e-4)


def test_unknown_target_is_a_lookup_error(asia_path):
    jt = pitchrisk.JunctionTree(pitchrisk.read_bif(asia_path))
    with pytest.raises(pitchrisk.LookupError, match="nothing"):
        jt.posterior("nothing")
