"""pitchrisk: exact discrete Bayesian networks and the approach-risk model.

Networks are read with ``read_bif`` (or built with ``NetworkBuilder``); ``JunctionTree``
compiles one for fast repeated queries, ``VariableElimination`` answers one-off questions;
``read_network`` / ``write_network`` take every file format the library knows.
``LikelihoodWeighting``, ``ImportanceSampling``, ``GibbsSampling`` and
``LoopyBeliefPropagation`` answer with error bars where exact inference is too large;
``exact_map`` / ``approximate_map`` give the most probable joint state of a few variables.
``sample``, ``read_csv``, ``learn_parameters`` (EM when cells are missing) and
``log_likelihood`` close the loop data -> learn -> evaluate; ``hill_climbing`` and
``pc_stable`` learn structures, ``predict``, ``score_predictions`` and ``cross_validate``
evaluate. Records are an int matrix (columns in ``network.variables`` order, -1 = missing),
a ``Dataset``, or a pandas DataFrame (``Dataset.from_dataframe``, ``to_dataframe``; pandas
is imported only when a DataFrame is given or asked for).
Evidence is a dict ``{variable: state name | state index | likelihoods}``. Batches take an
int matrix (one row per case, columns in ``network.variables`` order, -1 = unobserved).
Every error is a ``pitchrisk.Error``.
"""
from ._pitchrisk import *  # noqa: F401,F403
from ._pitchrisk import __version__, approach  # noqa: F401
