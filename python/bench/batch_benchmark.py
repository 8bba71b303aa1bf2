#!/usr/bin/python3
"""NumPy batch scoring against the C++ batch on the same cases, side by side.

Usage (after building the targets pitchrisk_python and pitchrisk_batch_timer):
  PYTHONPATH=build/python /usr/bin/python3 python/bench/batch_benchmark.py \
      --timer build/python/pitchrisk_batch_timer --network ../shared/networks/alarm.bif \
      --target HYPOVOLEMIA --cases 10000 --threads 1
Prints the best of --rounds x --repeats runs (after one untimed pass; the two sides
alternate round by round so that they see the same load) for posterior_batch and
log_evidence_batch, in Python and in C++, and their ratio.
"""
import argparse
import os
import subprocess
import tempfile
import time

import numpy as np

import pitchrisk


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timer", required=True, help="the C++ timer program (pitchrisk_batch_timer)")
    ap.add_argument("--network", required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--cases", type=int, default=10000)
    ap.add_argument("--rate", type=float, default=0.15, help="share of variables observed per case")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=5, help="timed runs per round and side")
    ap.add_argument("--rounds", type=int, default=5, help="rounds alternating Python and C++")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()

    net = pitchrisk.read_bif(args.network)
    jt = pitchrisk.JunctionTree(net)
    # Cases sampled from the network itself would need a sampler; findings drawn from the
    # posterior of each variable given the earlier ones keep every case possible.
    rng = np.random.default_rng(args.seed)
    names = net.variables
    cases = -np.ones((args.cases, len(names)), dtype=np.int64)
    prior = jt.posteriors({})
    for i in range(args.cases):
        for v in rng.choice(len(names), size=max(1, int(args.rate * len(names))), replace=False):
            p = np.array(list(prior[names[v]].values()))
            cases[i, v] = rng.choice(len(p), p=p / p.sum())
    keep = []
    for i in range(args.cases):
        try:
            jt.log_evidence_batch(cases[i:i + 1])
            keep.append(i)
        except pitchrisk.EvidenceError:
            pass
    cases = np.ascontiguousarray(cases[keep])

    def best(f):
        f()
        times = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            f()
            times.append(time.perf_counter() - t0)
        return min(times)

    # Python and C++ alternate, round after round, so that both see the same machine load;
    # each side keeps its best time over all rounds.
    py_post = py_logpe = cxx_post = cxx_logpe = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "cases.bin")
        cases.tofile(path)
        for _ in range(args.rounds):
            py_post = min(py_post, best(lambda: jt.posterior_batch(cases, args.target, threads=args.threads)))
            py_logpe = min(py_logpe, best(lambda: jt.log_evidence_batch(cases, threads=args.threads)))
            out = subprocess.run([args.timer, args.network, path, args.target, str(args.threads), str(args.repeats)],
                                 check=True, capture_output=True, text=True).stdout.split()
            cxx_post, cxx_logpe = min(cxx_post, float(out[0])), min(cxx_logpe, float(out[1]))
    print(f"network {os.path.basename(args.network)}, {len(cases)} cases, {args.threads} thread(s), best of {args.rounds} x {args.repeats}")
    print(f"{'call':<20}{'python s':>12}{'c++ s':>12}{'python/c++':>12}{'us/case py':>12}")
    for name, p, c in (("posterior_batch", py_post, cxx_post), ("log_evidence_batch", py_logpe, cxx_logpe)):
        print(f"{name:<20}{p:>12.4f}{c:>12.4f}{p / c:>12.2f}{1e6 * p / len(cases):>12.2f}")


if __name__ == "__main__":
    main()
