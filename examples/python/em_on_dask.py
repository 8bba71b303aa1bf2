#!/usr/bin/python3
"""EM on a Dask cluster: the E-step as a map over partitions, the counts reduced.

A research group has more incomplete records than one machine should hold. EM parallelises
naturally: the expected family counts of a data set are the sums of those of its parts. This
program draws records from a network with cells missing at random, cuts them into partitions
scattered to the workers, and runs EM: each iteration ships the current model to the workers
(pickled as BIF text, which keeps every bit), every worker returns the log-likelihood and the
expected counts of its partitions, the client adds them up in partition order and takes the
M-step. It then runs the single-machine EM of the library on the same records from the same
start and checks that both give the same parameters.

Without --scheduler it starts a LocalCluster whose workers listen on 127.0.0.1 only; with
--scheduler tcp://HOST:8786 it uses a real cluster (every worker needs the pitchrisk module on
its PYTHONPATH).

  PYTHONPATH=build/python /usr/bin/python3 examples/python/em_on_dask.py \\
      ../shared/networks/alarm.bif --records 10000 --missing 0.2 --partitions 8 --workers 2
"""
import argparse
import math
import pathlib
import sys
import time

import numpy as np
from dask.distributed import Client, LocalCluster

import pitchrisk


def e_step(model, part):
    """Log-likelihood and expected family counts of one partition."""
    return pitchrisk.expected_counts(model, part)


def available_counts(structure, part):
    return pitchrisk.family_counts(structure, part)


def add_up(results):
    """Sums per variable, in partition order (so that the result does not depend on timing)."""
    total = [np.zeros_like(c) for c in results[0]]
    for counts in results:
        for v, c in enumerate(counts):
            total[v] += c
    return total


def em_on_cluster(client, structure, parts, records, args):
    # The start of the library's first run: the available-case counts plus one, normalised.
    counts = add_up(client.gather(client.map(available_counts, [structure] * len(parts), parts)))
    model = pitchrisk.network_from_counts(structure, [c + 1 for c in counts])
    trace, previous = [], -math.inf
    for iteration in range(args.max_iterations):
        shipped = client.scatter(model, broadcast=True)
        results = client.gather(client.map(e_step, [shipped] * len(parts), parts))
        log_likelihood = sum(r[0] for r in results)
        trace.append(log_likelihood)
        if iteration > 0 and (log_likelihood - previous) / records < args.tolerance:
            return model, trace, True
        previous = log_likelihood
        model = pitchrisk.network_from_counts(structure, add_up([r[1] for r in results]),
                                              prior=args.prior, ess=args.ess)
    return model, trace, False


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("network", help="the true network (BIF or any format read_network reads)")
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--missing", type=float, default=0.2, help="share of cells missing at random")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--prior", default="bdeu", choices=["mle", "bdeu", "k2"])
    ap.add_argument("--ess", type=float, default=1.0)
    ap.add_argument("--tolerance", type=float, default=1e-5, help="stop when the log-likelihood per record rises less")
    ap.add_argument("--max-iterations", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster workers (without --scheduler)")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    args = ap.parse_args()
    if not pathlib.Path(args.network).exists():
        print(f"em_on_dask: no network at {args.network}: skipped")
        return 77

    truth = pitchrisk.read_network(args.network)
    records = pitchrisk.sample(truth, args.records, seed=1, missing_rate=args.missing)
    parts = np.array_split(records, args.partitions)
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, host="127.0.0.1",
                               dashboard_address=None, processes=True)
        client = Client(cluster)
    workers = len(client.scheduler_info()["workers"])
    with client:
        scattered = client.scatter(parts)
        start = time.perf_counter()
        model, trace, converged = em_on_cluster(client, truth, scattered, args.records, args)
        seconds = time.perf_counter() - start
    if cluster is not None:
        cluster.close()

    start = time.perf_counter()
    single = pitchrisk.learn_parameters(truth, records, prior=args.prior, ess=args.ess, tolerance=args.tolerance,
                                        max_iterations=args.max_iterations)
    single_seconds = time.perf_counter() - start

    print(f"{args.records} records of {truth.name} ({len(truth)} variables), {args.missing:.0%} of the cells missing, "
          f"{args.partitions} partitions on {workers} worker(s)")
    print(f"Dask EM: {len(trace)} E-steps, {'converged' if converged else 'not converged'}, {seconds:.2f} s "
          f"({seconds / len(trace) * 1e3:.1f} ms per E-step, shipping included)")
    print(f"single-process EM: {single['iterations']} E-steps, {single_seconds:.2f} s")
    largest = max(float(np.max(np.abs(np.asarray(model.cpt(v)) - np.asarray(single['network'].cpt(v)))))
                  for v in truth.variables)
    trace_gap = max(abs(a - b) / abs(b) for a, b in zip(trace, single["log_likelihood"]))
    print(f"largest difference of a CPT entry: {largest:.1e}; of the log-likelihood trace (relative): {trace_gap:.1e}")
    test = pitchrisk.sample(truth, 5000, seed=2)
    gap = (pitchrisk.log_likelihood(truth, test) - pitchrisk.log_likelihood(model, test)) / 5000
    print(f"held-out gap to the true network: {gap:.4f} nats per record")
    if len(trace) != single["iterations"] or largest > 1e-9 or trace_gap > 1e-12:
        print("the Dask EM and the single-process EM disagree")
        return 1
    print("same parameters as the single-machine EM")
    return 0


if __name__ == "__main__":
    sys.exit(main())
