"""pitchrisk: exact discrete Bayesian networks and the approach-risk model.

Networks are read with ``read_bif`` (or built with ``NetworkBuilder``); ``JunctionTree``
compiles one for fast repeated queries, ``VariableElimination`` answers one-off questions.
Evidence is a dict ``{variable: state name | state index | likelihoods}``. Batches take an
int matrix (one row per case, columns in ``network.variables`` order, -1 = unobserved).
Every error is a ``pitchrisk.Error``.
"""
from ._pitchrisk import *  # noqa: F401,F403
from ._pitchrisk import __version__, approach  # noqa: F401
