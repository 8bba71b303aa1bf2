"""Data and learning from Python: sampling, CSV, counts with priors, EM, log-likelihood and
the file formats, checked against closed forms and the C++ tools' conventions."""
import numpy as np
import pytest

import pitchrisk


def test_sample_is_reproducible_and_marks_missing_and_hidden_cells(asia_path):
    net = pitchrisk.read_bif(asia_path)
    a = pitchrisk.sample(net, 5000, seed=7, missing_rate=0.2, hidden=["lung"], threads=1)
    b = pitchrisk.sample(net, 5000, seed=7, missing_rate=0.2, hidden=["lung"], threads=2)
    assert a.shape == (5000, len(net)) and np.array_equal(a, b)
    lung = net.variables.index("lung")
    assert (a[:, lung] == -1).all()
    others = np.delete(a, lung, axis=1)
    assert abs((others == -1).mean() - 0.2) < 0.01


def test_counts_with_priors_have_the_closed_form(asia_path):
    net = pitchrisk.read_bif(asia_path)
    data = pitchrisk.sample(net, 2000, seed=1)
    smoke = net.variables.index("smoke")
    yes = int((data[:, smoke] == net.states("smoke").index("yes")).sum())
    mle = pitchrisk.learn_parameters(net, data)["network"]
    k2 = pitchrisk.learn_parameters(net, data, prior="k2")["network"]
    bdeu = pitchrisk.learn_parameters(net, data, prior="bdeu", ess=10)["network"]
    i = net.states("smoke").index("yes")
    assert mle.cpt("smoke")[i] == pytest.approx(yes / 2000, abs=1e-15)
    assert k2.cpt("smoke")[i] == pytest.approx((yes + 1) / 2002, abs=1e-15)
    assert bdeu.cpt("smoke")[i] == pytest.approx((yes + 5) / 2010, abs=1e-15)


def test_em_recovers_the_network_from_incomplete_records(asia_path):
    net = pitchrisk.read_bif(asia_path)
    train = pitchrisk.sample(net, 20000, seed=3, missing_rate=0.2)
    test = pitchrisk.sample(net, 5000, seed=4)
    result = pitchrisk.learn_parameters(net, train, prior="bdeu", ess=1, threads=2)
    assert result["em"] and result["converged"]
    trace = result["log_likelihood"]
    assert all(b >= a - 1e-6 * abs(a) for a, b in zip(trace, trace[1:]))  # EM never goes down
    gap = (pitchrisk.log_likelihood(net, test) - pitchrisk.log_likelihood(result["network"], test)) / 5000
    assert abs(gap) < 0.01  # held-out nats per record; sampling noise can make it slightly negative
    with pytest.raises(pitchrisk.EvidenceError, match="record 0"):
        pitchrisk.learn_parameters(net, np.full((1, len(net)), 9))


def test_csv_and_formats_round_trip(asia_path, tmp_path):
    net = pitchrisk.read_bif(asia_path)
    data = pitchrisk.sample(net, 50, seed=2, missing_rate=0.1)
    names = net.variables
    lines = [",".join(names)]
    for row in data:
        lines.append(",".join("" if s == -1 else net.states(v)[s] for v, s in zip(names, row)))
    csv = tmp_path / "records.csv"
    csv.write_text("\n".join(lines) + "\n")
    assert np.array_equal(pitchrisk.read_csv(csv, net), data)
    (tmp_path / "bad.csv").write_text("asia,smoke\nmaybe,yes\n")
    with pytest.raises(pitchrisk.ParseError) as err:
        pitchrisk.read_csv(tmp_path / "bad.csv", net)
    assert err.value.line == 2
    # Every format keeps the numbers; UAI keeps the variable order but not the names.
    want = pitchrisk.JunctionTree(net).posteriors({"dysp": "yes"})
    dysp = names.index("dysp")
    for ext in ("bif", "uai"):
        path = tmp_path / f"asia.{ext}"
        pitchrisk.write_network(net, path)
        again = pitchrisk.read_network(path)
        got = pitchrisk.JunctionTree(again).posteriors({again.variables[dysp]: net.states("dysp").index("yes")})
        for name, other in zip(names, again.variables):
            assert list(got[other].values()) == pytest.approx(list(want[name].values()), abs=1e-12)
    with pytest.raises(pitchrisk.IOError):
        pitchrisk.write_network(net, tmp_path / "asia.unknown")


def test_e_step_adds_up_over_partitions_and_networks_pickle(asia_path):
    import pickle
    net = pitchrisk.read_bif(asia_path)
    data = pitchrisk.sample(net, 4000, seed=5, missing_rate=0.3)
    ll, counts = pitchrisk.expected_counts(net, data)
    ll1, c1 = pitchrisk.expected_counts(net, data[:1500])
    ll2, c2 = pitchrisk.expected_counts(net, data[1500:])
    assert ll == pytest.approx(ll1 + ll2, rel=1e-12)
    for whole, a, b in zip(counts, c1, c2):
        np.testing.assert_allclose(whole, a + b, rtol=1e-12)
        assert whole.sum() == pytest.approx(4000, rel=1e-12)  # every record counts once per family
    # On complete records the E-step's counts are the counts, and counts + 1 is the K2 estimate.
    complete = pitchrisk.sample(net, 1000, seed=6)
    observed = pitchrisk.family_counts(net, complete)
    _, expected = pitchrisk.expected_counts(net, complete)
    for a, b in zip(observed, expected):
        np.testing.assert_allclose(a, b, atol=1e-9)
    k2 = pitchrisk.learn_parameters(net, complete, prior="k2")["network"]
    from_counts = pitchrisk.network_from_counts(net, [c + 1 for c in observed])
    for v in net.variables:
        np.testing.assert_allclose(np.asarray(from_counts.cpt(v)), np.asarray(k2.cpt(v)), rtol=1e-14)
    assert pitchrisk.network_from_counts(net, observed, prior="k2") == k2
    with pytest.raises(pitchrisk.ModelError, match="flat array"):
        pitchrisk.network_from_counts(net, [np.ones(3)] * len(net))
    assert pickle.loads(pickle.dumps(k2)) == k2
