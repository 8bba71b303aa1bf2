"""Data sets from NumPy and pandas: a DataFrame and the int matrix of the same records give
the same pitchrisk.Dataset and the same learned parameters; missing cells, inferred states,
the way back to a DataFrame, and bad frames raising typed errors with the C++ message."""
import os
import subprocess
import sys

import numpy as np
import pytest

import pitchrisk

pd = pytest.importorskip("pandas")


def string_frame(net, records):
    return pd.DataFrame({v: [None if s == -1 else net.states(v)[s] for s in records[:, c]]
                         for c, v in enumerate(net.variables)})


def test_frame_and_matrix_give_the_same_dataset_and_parameters(asia_path):
    net = pitchrisk.read_bif(asia_path)
    records = pitchrisk.sample(net, 4000, seed=21, missing_rate=0.1)
    strings = string_frame(net, records)
    categorical = pitchrisk.to_dataframe(net, records)
    shuffled = strings[list(reversed(net.variables))]  # columns are matched by name
    from_matrix = pitchrisk.Dataset(net, records)
    for frame in (strings, categorical, shuffled, strings.astype("string")):
        assert pitchrisk.Dataset.from_dataframe(frame, net) == from_matrix
        assert pitchrisk.Dataset(net, frame) == from_matrix
    assert np.array_equal(from_matrix.to_numpy(), records)
    assert from_matrix.missing_cells == int((records == -1).sum())
    # Every call that takes records gives the same answer for each form, to the bit.
    em = pitchrisk.learn_parameters(net, records, prior="bdeu", ess=2)
    for form in (strings, categorical, from_matrix):
        again = pitchrisk.learn_parameters(net, form, prior="bdeu", ess=2)
        assert again["network"] == em["network"] and again["log_likelihood"] == em["log_likelihood"]
        assert pitchrisk.log_likelihood(net, form) == pitchrisk.log_likelihood(net, records)
        ll, counts = pitchrisk.expected_counts(net, form)
        ll0, counts0 = pitchrisk.expected_counts(net, records)
        assert ll == ll0 and all(np.array_equal(a, b) for a, b in zip(counts, counts0))
    complete = pitchrisk.sample(net, 1000, seed=22)
    mle = pitchrisk.learn_parameters(net, complete)
    assert not mle["em"]
    assert pitchrisk.learn_parameters(net, string_frame(net, complete))["network"] == mle["network"]


def test_dataframes_come_back_categorical_with_nan_for_missing(asia_path):
    net = pitchrisk.read_bif(asia_path)
    records = pitchrisk.sample(net, 300, seed=23, missing_rate=0.2)
    frame = pitchrisk.to_dataframe(net, records)
    assert list(frame.columns) == net.variables and len(frame) == 300
    for c, v in enumerate(net.variables):
        assert isinstance(frame[v].dtype, pd.CategoricalDtype)
        assert list(frame[v].cat.categories) == net.states(v)
        assert np.array_equal(frame[v].isna().to_numpy(), records[:, c] == -1)
        assert np.array_equal(frame[v].cat.codes.to_numpy(), records[:, c])
    data = pitchrisk.Dataset(net, records)
    assert data.to_dataframe().equals(frame)
    assert pitchrisk.Dataset.from_dataframe(frame) == data  # categories keep every state, in order
    assert data.states("smoke") == net.states("smoke") == data.states(net.variables.index("smoke"))
    assert data.select_rows([2, 0]).to_numpy().tolist() == records[[2, 0]].tolist()
    assert repr(data) == f"<pitchrisk.Dataset: 300 records, 8 columns, {int((records == -1).sum())} missing cells>"


def test_missing_cells_inferred_states_and_absent_columns():
    frame = pd.DataFrame({
        "colour": ["red", None, "blue", np.nan, "red"],
        "size": pd.Series([3, 1, np.nan, 3, 2]),  # int with NaN: float64, spelled as ints
        "kind": pd.Categorical(["b", "a", None, "b", "a"], categories=["a", "b", "c"]),
        "count": pd.Series([7, 7, 8, 9, 7], dtype="int64"),
    })
    data = pitchrisk.Dataset.from_dataframe(frame)
    assert data.names == ["colour", "size", "kind", "count"]
    assert data.states("colour") == ["red", "blue"]  # order of first appearance
    assert data.states("size") == ["3", "1", "2"]
    assert data.states("kind") == ["a", "b", "c"]  # the categories, unused ones too
    assert data.states("count") == ["7", "8", "9"]
    assert data.to_numpy().tolist() == [[0, 0, 1, 0], [-1, 1, 0, 0], [1, -1, -1, 1], [-1, 0, 1, 2], [0, 2, 0, 0]]
    # With a network: its states and order; a variable without a column is all missing.
    b = pitchrisk.NetworkBuilder("shapes")
    b.add_variable("colour", ["blue", "green", "red"])
    b.add_variable("size", ["1", "2", "3"])
    b.add_variable("shade", ["light", "dark"])
    for v, k in (("colour", 3), ("size", 3), ("shade", 2)):
        b.set_cpt(v, np.full(k, 1.0 / k))
    net = b.build()
    aligned = pitchrisk.Dataset.from_dataframe(frame[["size", "colour"]], net)
    assert aligned.names == ["colour", "size", "shade"]
    want = [[2, 2, -1], [-1, 0, -1], [0, -1, -1], [-1, 2, -1], [2, 1, -1]]
    assert aligned.to_numpy().tolist() == want
    learned = pitchrisk.learn_parameters(net, frame[["size", "colour"]], prior="k2")
    assert learned["em"]  # shade is never seen: EM (its CPT starts at random, seeded)
    assert learned["network"] == pitchrisk.learn_parameters(net, np.array(want), prior="k2")["network"]
    assert np.asarray(learned["network"].cpt("colour")).ravel() == pytest.approx([2 / 6, 1 / 6, 3 / 6], abs=1e-12)


def test_bad_frames_raise_typed_errors_with_the_cxx_message(asia_path):
    net = pitchrisk.read_bif(asia_path)
    good = {"smoke": ["yes", "no"], "dysp": ["no", "no"]}
    bad_state = pd.DataFrame({**good, "smoke": ["yes", "maybe"]})
    with pytest.raises(pitchrisk.LookupError) as err:
        pitchrisk.learn_parameters(net, bad_state)
    assert str(err.value) == "DataFrame column 'smoke', row 1: unknown state 'maybe' (variable 'smoke' has yes, no)"
    bad_column = pd.DataFrame({**good, "colour": ["red", "blue"]})
    with pytest.raises(pitchrisk.ModelError) as err:
        pitchrisk.log_likelihood(net, bad_column)
    assert str(err.value) == f"data column 'colour' is not a variable of network '{net.name}'"
    with pytest.raises(pitchrisk.EvidenceError) as err:
        pitchrisk.Dataset.from_dataframe(pd.DataFrame({**good, "asia": [0.5, 1.0]}), net)
    assert str(err.value) == ("DataFrame column 'asia' (dtype float64): value 0.5 is not a state name "
                              "(expected str, int or categorical values)")
    with pytest.raises(pitchrisk.EvidenceError, match=r"column 'asia' \(dtype bool\): value True is not a state name"):
        pitchrisk.hill_climbing(pd.DataFrame({"asia": [True, False]}))
    with pytest.raises(pitchrisk.EvidenceError, match="column names are variable names"):
        pitchrisk.Dataset.from_dataframe(pd.DataFrame({0: ["a"]}))
    with pytest.raises(pitchrisk.ModelError, match="has no states|without states"):
        pitchrisk.Dataset.from_dataframe(pd.DataFrame({"empty": [None, None]}))
    # A Dataset whose states differ from the network's: the C++ align_to_network message.
    other = pitchrisk.Dataset(["smoke"], [["no", "yes"]], np.array([[0], [1]]))
    with pytest.raises(pitchrisk.ModelError) as err:
        pitchrisk.log_likelihood(net, other)
    assert str(err.value) == "data column 'smoke' has states (no, yes), the network's variable has (yes, no)"
    with pytest.raises(pitchrisk.EvidenceError, match=r"^records: expected an int matrix \(records x 8 variables, -1 = "
                       r"missing\), a pitchrisk.Dataset or a pandas DataFrame, got str$"):
        pitchrisk.log_likelihood(net, "asia.csv")
    with pytest.raises(pitchrisk.EvidenceError, match="got list"):
        pitchrisk.learn_parameters(net, [["yes", "no"]])
    with pytest.raises(pitchrisk.EvidenceError, match="record 1: column 'smoke' has no state 2"):
        pitchrisk.Dataset(["smoke"], [["no", "yes"]], np.array([[0], [2]]))


def test_the_module_imports_and_works_without_pandas(asia_path):
    # pandas is imported only when a DataFrame is given or asked for.
    script = (
        "import sys; sys.modules['pandas'] = None\n"
        "import pitchrisk\n"
        f"net = pitchrisk.read_bif({str(asia_path)!r})\n"
        "data = pitchrisk.sample(net, 200, seed=1)\n"
        "assert not pitchrisk.learn_parameters(net, data)['em']\n"
        "assert pitchrisk.hill_climbing(pitchrisk.Dataset(net, data))['moves'] >= 0\n"
        "try:\n"
        "    pitchrisk.to_dataframe(net, data)\n"
        "except ImportError as e:\n"
        "    print('no pandas:', e)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ)
    assert out.returncode == 0, out.stderr
    assert "no pandas: pitchrisk: DataFrames need pandas" in out.stdout
