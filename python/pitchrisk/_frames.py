"""pandas on the Python side of the data sets: a DataFrame split into columns of codes and
labels for the C++ side (which maps the labels to states and raises the errors), and a data
set's codes turned back into a DataFrame of categorical columns. pandas is imported here
only, when a DataFrame is actually given or asked for, so ``import pitchrisk`` does not
need it."""
import numpy as np


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("pitchrisk: DataFrames need pandas (Debian: apt-get install python3-pandas)") from e
    return pandas


def is_dataframe(value):
    """Whether ``value`` is a pandas DataFrame (False when pandas was never imported)."""
    import sys
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, pandas.DataFrame)


def frame_columns(frame):
    """[(name, dtype text, int64 codes with -1 = missing, labels)] for each column: a
    categorical column's categories in their order; any other column's distinct values in
    order of first appearance (NaN and None are missing)."""
    pandas = _pandas()
    out = []
    for position, name in enumerate(frame.columns):
        column = frame.iloc[:, position]
        dtype = str(column.dtype)
        if isinstance(column.dtype, pandas.CategoricalDtype):
            codes = np.asarray(column.cat.codes, dtype=np.int64)
            labels = list(column.cat.categories)
        else:
            codes, uniques = pandas.factorize(column, sort=False)
            codes = np.asarray(codes, dtype=np.int64)
            labels = list(uniques)
        out.append((name, dtype, np.ascontiguousarray(codes), labels))
    return out


def make_frame(names, states, records):
    """A DataFrame with one categorical column per name (categories = the states, in
    order; -1 in ``records`` = missing, shown as NaN)."""
    pandas = _pandas()
    return pandas.DataFrame({
        name: pandas.Categorical.from_codes(records[:, c], categories=list(states[c]))
        for c, name in enumerate(names)
    })
