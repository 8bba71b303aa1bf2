#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Structure learning, pitchrisk vs pomegranate 0.14, side by side on the same CSV files.

For each network (asia, child, insurance, alarm) and training size (1k, 10k, 100k records):
samples training and test records from the true network (numpy, seeded), runs
`pitchrisk-learn structure` (hill climbing, BIC, BDeu-ess-1 CPTs) and pomegranate's
`BayesianNetwork.from_samples` (greedy; also exact for asia; MDL score, pseudocount 1),
and prints the wall time of each, their ratio, and the mean held-out log-likelihood per
test record (nats) of both learned networks and of the true one.

  /usr/bin/python3 bench/structure_compare.py --tool build/tools/pitchrisk-learn \
      [--networks asia,child] [--sizes 1000,10000] [--test 20000] [--shared ../shared]

"ours s" is pitchrisk's learning alone (as the tool reports it: the search, from the data in
memory), "(proc s)" the whole process (reading the CSV, learning, fitting CPTs, writing BIF);
pomegranate's is from_samples on an in-memory integer array. "ratio" = pomegranate / ours,
"(proc)" = pomegranate / whole process. LL: mean log-likelihood per held-out record, nats.
"""
import argparse
import math
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np


def parse_bif(text):
    """Variables (ordered dict name -> states) and CPTs (name -> (parents, table[child, parent configs]))."""
    text = re.sub(r"//[^\n]*", "", text)
    variables = {}
    for m in re.finditer(r"variable\s+\"?([^\s\"{]+)\"?\s*\{[^}]*?\{([^}]*)\}", text):
        variables[m.group(1)] = [s.strip().strip("\"'") for s in m.group(2).split(",")]
    cpts = {}
    for m in re.finditer(r"probability\s*\(([^)]*)\)\s*\{(.*?)\n\}", text, re.S):
        head = m.group(1).replace("|", ",")
        names = [s.strip().strip("\"'") for s in head.split(",") if s.strip()]
        child, parents = names[0], names[1:]
        k = len(variables[child])
        cards = [len(variables[p]) for p in parents]
        q = int(np.prod(cards)) if parents else 1
        table = np.zeros((k, q))
        for line in m.group(2).split(";"):
            line = line.strip()
            if not line:
                continue
            if line.startswith("table"):
                vals = [float(x) for x in line[5:].replace(",", " ").split()]
                table[:, :] = np.array(vals).reshape(q, k).T  # first parent fastest
            elif line.startswith("("):
                states_part, vals_part = line[1:].split(")", 1)
                states = [s.strip().strip("\"'") for s in states_part.split(",")]
                col, stride = 0, 1
                for p, s in zip(parents, states):
                    col += variables[p].index(s) * stride
                    stride *= len(variables[p])
                table[:, col] = [float(x) for x in vals_part.replace(",", " ").split()]
        cpts[child] = (parents, table)
    return variables, cpts


def column_index(data, parents, variables, cols):
    idx = np.zeros(data.shape[0], dtype=np.int64)
    stride = 1
    for p in parents:
        idx += data[:, cols[p]] * stride
        stride *= len(variables[p])
    return idx


def topological(cpts):
    order, done = [], set()
    while len(order) < len(cpts):
        for v, (ps, _) in cpts.items():
            if v not in done and all(p in done for p in ps):
                order.append(v)
                done.add(v)
    return order


def sample(variables, cpts, n, rng):
    names = list(variables)
    cols = {v: i for i, v in enumerate(names)}
    data = np.zeros((n, len(names)), dtype=np.int64)
    for v in topological(cpts):
        parents, table = cpts[v]
        idx = column_index(data, parents, variables, cols)
        cum = np.cumsum(table, axis=0)[:, idx]  # k x n
        u = rng.random(n)
        data[:, cols[v]] = np.minimum((u[None, :] >= cum).sum(axis=0), table.shape[0] - 1)
    return names, data


def log_likelihood(variables, cpts, names, data):
    """Mean log P(record) of integer-coded records (columns `names`, states of `variables`)."""
    cols = {v: i for i, v in enumerate(names)}
    total = np.zeros(data.shape[0])
    for v, (parents, table) in cpts.items():
        idx = column_index(data, parents, variables, cols)
        with np.errstate(divide="ignore"):
            total += np.log(table[data[:, cols[v]], idx])
    return float(total.mean())


def write_csv(path, names, variables, data):
    with open(path, "w") as f:
        f.write(",".join(names) + "\n")
        states = [np.array(variables[v], dtype=object) for v in names]
        rows = np.stack([states[j][data[:, j]] for j in range(len(names))], axis=1)
        f.write("\n".join(",".join(r) for r in rows))
        f.write("\n")


def run_pitchrisk(tool, bif, train_csv, out_bif, extra):
    t0 = time.perf_counter()
    r = subprocess.run([tool, "structure", "--data", train_csv, "--out", out_bif, "--network", bif] + extra,
                       capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit("pitchrisk-learn failed: " + r.stderr)
    m = re.search(r"; ([0-9.e+-]+) s$", r.stderr.strip())
    return seconds, float(m.group(1)) if m else float("nan")


POMEGRANATE_CHILD = r"""
import json, sys, time
import numpy as np
from pomegranate import BayesianNetwork
train, test = np.load(sys.argv[1]), np.load(sys.argv[2])
cards, algorithm, max_parents = json.loads(sys.argv[3]), sys.argv[4], int(sys.argv[5])
keys = [set(range(k)) for k in cards]
t0 = time.perf_counter()
model = BayesianNetwork.from_samples(train, algorithm=algorithm, max_parents=max_parents, pseudocount=1.0, keys=keys)
seconds = time.perf_counter() - t0
ll = np.asarray(model.log_probability(test), dtype=float)
print(json.dumps([seconds, float(ll.mean()), sum(len(p) for p in model.structure)]))
"""


def run_pomegranate(tmp, names, variables, train, test, algorithm, max_parents, timeout):
    """(seconds, mean held-out log-likelihood, arcs) of from_samples in a child process, or None on timeout."""
    import json
    train_npy, test_npy = os.path.join(tmp, "train.npy"), os.path.join(tmp, "test.npy")
    np.save(train_npy, train)
    np.save(test_npy, test)
    cards = json.dumps([len(variables[v]) for v in names])
    try:
        r = subprocess.run([sys.executable, "-c", POMEGRANATE_CHILD, train_npy, test_npy, cards, algorithm,
                            str(max_parents)], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if r.returncode != 0:
        sys.exit("pomegranate failed: " + r.stderr)
    return json.loads(r.stdout.strip().splitlines()[-1])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", default=os.path.join(here, "..", "build", "tools", "pitchrisk-learn"))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--networks", default="asia,child,insurance,alarm")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--test", type=int, default=20000, help="held-out records (default 20000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pitchrisk-args", default="--algorithm hc --score bic --prior bdeu --ess 1",
                    help="options passed to pitchrisk-learn structure")
    ap.add_argument("--pomegranate-max-parents", type=int, default=-1,
                    help="from_samples' max_parents (default -1: no limit, as pomegranate's default)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds allowed to one pomegranate run")
    args = ap.parse_args()
    extra = args.pitchrisk_args.split()
    print(f"{'network':<10}{'records':>8} {'pomegranate':<12}{'ours s':>8}{'(proc s)':>9}{'pom s':>9}{'ratio':>7}"
          f"{'(proc)':>7}{'LL ours':>10}{'LL pom':>10}{'LL true':>10}{'arcs o/p/true':>15}")
    with tempfile.TemporaryDirectory() as tmp:
        for net in args.networks.split(","):
            bif = os.path.join(args.shared, "networks", net + ".bif")
            variables, cpts = parse_bif(open(bif).read())
            rng = np.random.default_rng(args.seed)
            names, test = sample(variables, cpts, args.test, rng)
            truth = log_likelihood(variables, cpts, names, test)
            true_arcs = sum(len(p) for p, _ in cpts.values())
            for n in [int(s) for s in args.sizes.split(",")]:
                _, train = sample(variables, cpts, n, rng)
                train_csv = os.path.join(tmp, f"{net}_{n}.csv")
                out_bif = os.path.join(tmp, f"{net}_{n}.bif")
                write_csv(train_csv, names, variables, train)
                ours, ours_inner = run_pitchrisk(args.tool, bif, train_csv, out_bif, extra)
                lv, lc = parse_bif(open(out_bif).read())
                ours_ll = log_likelihood(lv, lc, names, test)
                ours_arcs = sum(len(p) for p, _ in lc.values())
                algorithms = ["greedy", "exact"] if len(names) <= 10 else ["greedy"]
                for alg in algorithms:
                    result = run_pomegranate(tmp, names, variables, train, test, alg,
                                             args.pomegranate_max_parents, args.timeout)
                    if result is None:
                        print(f"{net:<10}{n:>8} {alg:<12}{ours_inner:>8.4f}{ours:>9.3f}{'>' + str(int(args.timeout)):>9}"
                              f"{'>' + str(int(args.timeout / ours_inner)):>7}{'':>7}{ours_ll:>10.4f}{'-':>10}"
                              f"{truth:>10.4f}{f'{ours_arcs}/-/{true_arcs}':>15}", flush=True)
                        continue
                    pom, pom_ll, pom_arcs = result
                    print(f"{net:<10}{n:>8} {alg:<12}{ours_inner:>8.4f}{ours:>9.3f}{pom:>9.3f}{pom / ours_inner:>7.1f}"
                          f"{pom / ours:>7.1f}{ours_ll:>10.4f}{pom_ll:>10.4f}{truth:>10.4f}"
                          f"{f'{ours_arcs}/{pom_arcs}/{true_arcs}':>15}", flush=True)


if __name__ == "__main__":
    main()
