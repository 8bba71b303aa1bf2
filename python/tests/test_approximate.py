"""Approximate engines and MAP: close to the junction tree within their own error bars,
the same answer for a seed whatever the thread count, errors as pitchrisk exceptions."""
import itertools
import math

import pytest

import pitchrisk

EVIDENCE = {"asia": "yes", "xray": "yes"}


@pytest.mark.parametrize("make", [
    lambda net, threads: pitchrisk.LikelihoodWeighting(net, samples=40000, seed=3, threads=threads),
    lambda net, threads: pitchrisk.ImportanceSampling(net, samples=40000, seed=3, threads=threads),
    lambda net, threads: pitchrisk.ImportanceSampling(net, samples=40000, seed=3, threads=threads, proposal="ais"),
])
def test_samplers_agree_with_the_junction_tree_within_their_standard_errors(make, asia_path):
    net = pitchrisk.read_bif(asia_path)
    exact = pitchrisk.JunctionTree(net).posteriors(EVIDENCE)
    one = make(net, 1).run(EVIDENCE)
    two = make(net, 2).run(EVIDENCE)
    assert one["posteriors"] == two["posteriors"]  # same seed, same answer on 1 or 2 threads
    assert one["samples"] == 40000 and one["effective_sample_size"] > 1000
    for var, states in exact.items():
        for state, p in states.items():
            se = one["standard_errors"][var][state]
            assert abs(one["posteriors"][var][state] - p) <= 5 * se + 1e-12, (var, state)
    # log P(e) estimate within 5 standard errors of the exact one.
    exact_log = pitchrisk.JunctionTree(net).log_evidence_probability(EVIDENCE)
    assert abs(one["log_evidence"] - exact_log) <= 5 * one["log_evidence_standard_error"]


def test_gibbs_refuses_deterministic_zeros_and_runs_on_a_network_without():
    b = pitchrisk.NetworkBuilder("chain")
    b.add_variable("a", ["0", "1"])
    b.add_variable("b", ["0", "1"])
    b.set_cpt("a", [0.3, 0.7])
    b.set_parents("b", ["a"])
    b.set_cpt("b", [0.9, 0.1, 0.2, 0.8])
    net = b.build()
    result = pitchrisk.GibbsSampling(net, samples=20000, seed=5).run({"b": "1"})
    exact = pitchrisk.JunctionTree(net).posterior("a", {"b": "1"})
    assert abs(result["posteriors"]["a"]["1"] - exact["1"]) <= 5 * result["standard_errors"]["a"]["1"]
    assert 0.9 < result["r_hat"] < 1.1
    b.set_cpt("b", [1.0, 0.0, 0.2, 0.8])
    with pytest.raises(pitchrisk.Error, match="deterministic zero"):
        pitchrisk.GibbsSampling(b.build())


def test_loopy_belief_propagation_is_exact_on_a_polytree(asia_path):
    b = pitchrisk.NetworkBuilder("polytree")
    for name in "abcd":
        b.add_variable(name, ["0", "1"])
    b.set_cpt("a", [0.6, 0.4])
    b.set_cpt("b", [0.2, 0.8])
    b.set_parents("c", ["a", "b"])
    b.set_cpt("c", [0.9, 0.1, 0.5, 0.5, 0.3, 0.7, 0.05, 0.95])
    b.set_parents("d", ["c"])
    b.set_cpt("d", [0.7, 0.3, 0.1, 0.9])
    net = b.build()
    run = pitchrisk.LoopyBeliefPropagation(net).run({"d": "1"})
    assert run["converged"]
    exact = pitchrisk.JunctionTree(net).posteriors({"d": "1"})
    for var, states in exact.items():
        for state, p in states.items():
            assert run["posteriors"][var][state] == pytest.approx(p, abs=1e-9)


def test_options_are_checked():
    b = pitchrisk.NetworkBuilder("one")
    b.add_variable("a", ["0", "1"])
    b.set_cpt("a", [0.5, 0.5])
    net = b.build()
    with pytest.raises(pitchrisk.OptionsError):
        pitchrisk.LikelihoodWeighting(net, samples=0)
    with pytest.raises(pitchrisk.OptionsError, match="proposal"):
        pitchrisk.ImportanceSampling(net, proposal="magic")
    with pytest.raises(pitchrisk.OptionsError, match="schedule"):
        pitchrisk.LoopyBeliefPropagation(net, schedule="random")


def test_map_over_a_subset_is_the_brute_force_argmax(asia_path):
    net = pitchrisk.read_bif(asia_path)
    jt = pitchrisk.JunctionTree(net)
    evidence = {"dysp": "yes"}
    targets = ["lung", "bronc", "tub"]
    best, best_log = None, -math.inf
    for states in itertools.product(*(net.states(t) for t in targets)):
        joint = dict(evidence, **dict(zip(targets, states)))
        value = jt.log_evidence_probability(joint)
        if value > best_log:
            best, best_log = dict(zip(targets, states)), value
    exact = pitchrisk.exact_map(net, targets, evidence)
    assert exact["states"] == best
    assert exact["log_probability"] == pytest.approx(best_log, abs=1e-12)
    approx = pitchrisk.approximate_map(net, targets, evidence, seed=2)
    assert approx["states"] == best
