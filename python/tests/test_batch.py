"""Batches over NumPy: identical to one query at a time and whatever the thread count."""
import numpy as np
import pytest

import pitchrisk


def random_cases(net, n, rate, seed):
    rng = np.random.default_rng(seed)
    cards = np.array([len(net.states(v)) for v in net.variables])
    cases = (rng.random((n, len(cards))) * cards).astype(np.int64)
    cases[rng.random(cases.shape) >= rate] = -1
    return cases


def test_batch_equals_single_queries(shared_network):
    net = pitchrisk.read_bif(shared_network("alarm"))
    jt = pitchrisk.JunctionTree(net)
    cases = random_cases(net, 200, 0.1, 7)
    # Random findings can be impossible together; keep the possible cases.
    ok = [i for i in range(len(cases))
          if np.isfinite(jt.log_evidence_probability(
              {v: int(s) for v, s in zip(net.variables, cases[i]) if s >= 0}))]
    cases = cases[ok[:100]]
    target = "HYPOVOLEMIA"
    batch = jt.posterior_batch(cases, target)
    logpe = jt.log_evidence_batch(cases)
    for i, row in enumerate(cases):
        seen = {v: int(s) for v, s in zip(net.variables, row) if s >= 0}
        assert list(batch[i]) == list(jt.posterior(target, seen).values())
        assert logpe[i] == jt.log_evidence_probability(seen)


def test_batch_is_identical_whatever_the_thread_count(shared_network):
    net = pitchrisk.read_bif(shared_network("alarm"))
    jt = pitchrisk.JunctionTree(net)
    cases = random_cases(net, 10_000, 0.05, 11)
    cases[:, :] = np.where(cases >= 0, cases, -1)
    target = "LVFAILURE"
    try:
        one = jt.posterior_batch(cases, target, threads=1)
    except pitchrisk.EvidenceError:
        pytest.skip("a random case is impossible")
    for threads in (2, 8):
        assert np.array_equal(one, jt.posterior_batch(cases, target, threads=threads))


def test_batch_errors(asia_path):
    net = pitchrisk.read_bif(asia_path)
    jt = pitchrisk.JunctionTree(net)
    with pytest.raises(pitchrisk.EvidenceError, match="shape"):
        jt.log_evidence_batch(np.zeros((3, 2), dtype=np.int64))
    bad = -np.ones((2, len(net)), dtype=np.int64)
    bad[1, 0] = 5
    with pytest.raises(pitchrisk.EvidenceError, match="case 1"):
        jt.log_evidence_batch(bad)
    impossible = -np.ones((3, len(net)), dtype=np.int64)
    tub, either = net.variables.index("tub"), net.variables.index("either")
    impossible[2, tub] = net.states("tub").index("yes")
    impossible[2, either] = net.states("either").index("no")
    with pytest.raises(pitchrisk.EvidenceError, match="case 2"):
        jt.posterior_batch(impossible, "lung")
