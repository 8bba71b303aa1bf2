"""Structure learning and evaluation from Python, bit for bit against the C++ library: the
same records go to pitchrisk_python_answers as CSV and to the bindings as a DataFrame of
strings, and every score, structure, test, CPT, prediction measure and fold must match."""
import os
import subprocess

import numpy as np
import pytest

import pitchrisk

pd = pytest.importorskip("pandas")

TARGET = "lung"


def answers_tool():
    tool = os.environ.get("PITCHRISK_CXX_ANSWERS")
    if not tool:
        pytest.skip("PITCHRISK_CXX_ANSWERS is not set (run through ctest)")
    return tool


def string_frame(net, records):
    """The records as a DataFrame of state names (object columns, None = missing), built
    here without pitchrisk.to_dataframe."""
    return pd.DataFrame({v: [None if s == -1 else net.states(v)[s] for s in records[:, c]]
                         for c, v in enumerate(net.variables)})


@pytest.fixture(scope="module")
def learning_case(tmp_path_factory):
    tool = answers_tool()
    from conftest import SHARED
    path = SHARED / "networks" / "asia.bif"
    if not path.exists():
        pytest.skip(f"no shared networks at {SHARED}")
    net = pitchrisk.read_bif(path)
    records = pitchrisk.sample(net, 3000, seed=11, missing_rate=0.05)
    frame = string_frame(net, records)
    csv = tmp_path_factory.mktemp("learn") / "records.csv"
    frame.to_csv(csv, index=False, na_rep="")
    out = subprocess.run([tool, "learn", str(path), str(csv), TARGET], check=True, capture_output=True, text=True).stdout
    lines = {}
    for line in out.splitlines():
        tag, *rest = line.split()
        lines.setdefault(tag, []).append(rest)
    return net, records, frame, lines


def parents_of(lines):
    return {row[0]: row[1:] for row in lines}


def test_hill_climbing_and_tabu_search_match_the_cxx_search(learning_case):
    net, _, frame, c = learning_case
    hc = pitchrisk.hill_climbing(frame, network=net)
    assert hc["score"] == float(c["hc"][0][0]) and hc["moves"] == int(c["hc"][0][1])
    assert hc["parents"] == parents_of(c["hc_parents"])
    v = net.variables
    tabu = pitchrisk.hill_climbing(frame, network=net, score="bdeu", ess=10, required=[(v[0], v[1])],
                                   forbidden=[(v[2], v[3])], max_parents=2, tabu_length=5, restarts=2, seed=3)
    assert tabu["score"] == float(c["tabu"][0][0]) and tabu["moves"] == int(c["tabu"][0][1])
    assert tabu["parents"] == parents_of(c["tabu_parents"])
    assert v[0] in tabu["parents"][v[1]] and v[2] not in tabu["parents"][v[3]]
    assert all(len(ps) <= 2 for ps in tabu["parents"].values())
    # The learned network is the DAG with CPTs estimated from the same records (BDeu, ess 1).
    learned = tabu["network"]
    assert learned.variables == net.variables
    assert {x: learned.parents(x) for x in v} == tabu["parents"]
    score = pitchrisk.StructureScore(frame, score="bdeu", ess=10, network=net)
    assert score.total(tabu["parents"]) == tabu["score"] == score.total(learned)
    assert pitchrisk.StructureScore(frame, network=net).total(net) == float(c["score_total"][0][0])


def test_pc_stable_and_its_independence_tests_match_the_cxx_ones(learning_case):
    net, _, frame, c = learning_case
    pc = pitchrisk.pc_stable(frame, network=net, test="chi-square", alpha=0.01)
    assert pc["tests"] == int(c["pc"][0][0])
    assert pc["graph"].to_dag() == parents_of(c["pc_dag"])
    assert {x: pc["network"].parents(x) for x in net.variables} == parents_of(c["pc_dag"])
    for (a, b), given in pc["separating_sets"].items():
        assert not pc["graph"].adjacent(a, b) and a not in given and b not in given
    v = net.variables
    it = pitchrisk.independence_test(frame, v[0], v[1], [v[2]], network=net)
    want = c["independence"][0]
    assert [it["statistic"], it["degrees_of_freedom"], it["p_value"]] == [float(x) for x in want[:3]]
    assert it["rows"] == int(want[3])


def test_em_log_likelihood_and_prediction_measures_match_the_cxx_ones(learning_case):
    net, records, frame, c = learning_case
    em = pitchrisk.learn_parameters(net, frame, prior="bdeu", ess=1)
    assert em["em"]
    for row in c["em"]:
        assert np.asarray(em["network"].cpt(row[0])).ravel(order="F").tolist() == [float(x) for x in row[1:]]
    assert pitchrisk.log_likelihood(net, frame) == float(c["ll"][0][0]) == pitchrisk.log_likelihood(net, records)
    p = pitchrisk.predict(net, frame, TARGET)
    scores = pitchrisk.score_predictions(p)
    want = c["predict"][0]
    assert scores["records"] == int(want[0])
    assert [scores["log_loss"], scores["brier"], scores["auc"], scores["accuracy"]] == [float(x) for x in want[1:]]
    assert pitchrisk.log_loss(p["probabilities"], p["labels"]) == scores["log_loss"]
    assert pitchrisk.brier_score(p["probabilities"], p["labels"]) == scores["brier"]
    assert pitchrisk.auc(p["probabilities"], p["labels"]) == scores["auc"]
    assert pitchrisk.auc(p["probabilities"][:, 1], p["labels"], state=1) == scores["auc"]  # two states
    assert (p["labels"] == records[p["rows"], net.variables.index(TARGET)]).all()
    table = pitchrisk.calibration_table(p["probabilities"], p["labels"], 1, bins=5)
    assert [[b["lower"], b["upper"], b["mean_predicted"], b["observed_frequency"]] for b in table] == \
        [[float(x) for x in row[:4]] for row in c["calibration"]]
    assert [b["count"] for b in table] == [int(row[4]) for row in c["calibration"]]


def test_cross_validation_calls_back_into_python_and_matches_the_cxx_folds(learning_case):
    net, _, frame, c = learning_case
    seen = []

    def learn(train):
        seen.append(train)
        return pitchrisk.learn_parameters(net, train, prior="k2")["network"]

    folds = pitchrisk.cross_validate(frame, learn, network=net, folds=4, seed=5, target=TARGET)
    assert len(folds) == 4 == len(c["fold"])
    for f, want, want_target in zip(folds, c["fold"], c["fold_target"]):
        assert [f["train_records"], f["test_records"]] == [int(want[0]), int(want[1])]
        assert f["log_likelihood_per_record"] == float(want[2])
        t = f["target"]
        assert [t["records"], t["log_loss"], t["brier"], t["auc"], t["accuracy"]] == \
            [int(want_target[0])] + [float(x) for x in want_target[1:]]
    # The training sets handed to Python are copies it may keep.
    assert [len(t) for t in seen] == [f["train_records"] for f in folds]
    assert seen[0].names == net.variables
    with pytest.raises(pitchrisk.Error, match="at least 2 folds"):
        pitchrisk.cross_validate(frame, learn, network=net, folds=1)


def test_essential_graph_of_asia_and_structural_hamming_distance(asia_path):
    net = pitchrisk.read_bif(asia_path)
    g = pitchrisk.essential_graph(net)
    # Undirected where Markov-equivalent DAGs disagree; the v-structures and what they force stay arcs.
    assert sorted(g.edges) == [("asia", "tub"), ("smoke", "bronc"), ("smoke", "lung")]
    assert sorted(g.arcs) == [("bronc", "dysp"), ("either", "dysp"), ("either", "xray"), ("lung", "either"),
                              ("tub", "either")]
    assert g.undirected("tub", "asia") and g.directed("tub", "either") and not g.adjacent("asia", "smoke")
    dag = g.dag_extension()
    assert pitchrisk.essential_graph(_network_with(net, dag)) == g
    assert pitchrisk.structural_hamming_distance(net, net) == 0
    assert pitchrisk.structural_hamming_distance(net, _network_with(net, {**dag, "xray": []})) == 1
    with pytest.raises(pitchrisk.LookupError, match="no node 'nope'"):
        g.adjacent("asia", "nope")


def _network_with(net, parents):
    """A network with the variables of `net` and the given parents (uniform CPTs)."""
    b = pitchrisk.NetworkBuilder("copy")
    for v in net.variables:
        b.add_variable(v, net.states(v))
    for v in net.variables:
        b.set_parents(v, parents[v])
        size = int(np.prod([len(net.states(p)) for p in parents[v]]))
        b.set_cpt(v, np.full(len(net.states(v)) * size, 1.0 / len(net.states(v))))
    return b.build()


def test_structure_learning_takes_a_frame_without_a_network_and_reports_bad_options(asia_path):
    net = pitchrisk.read_bif(asia_path)
    records = pitchrisk.sample(net, 2000, seed=12)
    frame = string_frame(net, records)
    data = pitchrisk.Dataset.from_dataframe(frame)  # states in order of first appearance
    a = pitchrisk.hill_climbing(frame, score="k2", name="asia_again")
    b = pitchrisk.hill_climbing(data, score="k2", name="asia_again")
    assert a["parents"] == b["parents"] and a["score"] == b["score"] and a["network"] == b["network"]
    assert a["network"].variables == list(frame.columns)
    assert all(a["network"].states(v) == data.states(v) for v in data.names)
    with pytest.raises(pitchrisk.OptionsError, match="need network="):
        pitchrisk.hill_climbing(records)
    with pytest.raises(pitchrisk.LookupError, match=r"^unknown structure score 'bicc' \(expected bic, aic, bdeu or k2\)$"):
        pitchrisk.hill_climbing(frame, score="bicc")
    with pytest.raises(pitchrisk.LookupError, match="the data has no variable 'nope'"):
        pitchrisk.hill_climbing(frame, required=[("asia", "nope")])
    with pytest.raises(pitchrisk.ModelError):
        pitchrisk.hill_climbing(frame, required=[("asia", "tub")], forbidden=[("asia", "tub")])
    with pytest.raises(pitchrisk.LookupError, match="unknown independence test"):
        pitchrisk.pc_stable(frame, test="t-test")
    tiered = pitchrisk.hill_climbing(frame, tiers=[["dysp", "xray"], ["asia", "tub", "smoke", "lung", "bronc", "either"]])
    # No arc from the later tier into the first one (arcs inside a tier stay allowed).
    assert set(tiered["parents"]["dysp"]) <= {"xray"} and set(tiered["parents"]["xray"]) <= {"dysp"}
    free = pitchrisk.hill_climbing(frame)["parents"]
    assert set(free["dysp"] + free["xray"]) - {"dysp", "xray"}  # which the tiers forbid
