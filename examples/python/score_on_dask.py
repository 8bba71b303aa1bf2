#!/usr/bin/python3
"""Score a large set of approach cases on a Dask cluster.

A security office receives thousands of reported contacts a day and wants them ranked. This
program spreads the cases over a Dask cluster partition by partition: every worker process
compiles the approach model once (the first time it meets a partition) and scores each case;
the partitions' results are reduced to a summary: how many cases fall in each band of
P(pitch) at their last stage before exposure, and the top cases to look at first.

Without --scheduler it starts a LocalCluster whose workers listen on 127.0.0.1 only; with
--scheduler tcp://HOST:8786 it uses a real cluster (every worker needs the pitchrisk module
on its PYTHONPATH, and the case folders are read by this client and shipped as text).

  PYTHONPATH=build/python /usr/bin/python3 examples/python/score_on_dask.py \
      examples/data/cases --workers 2 --copies 100
"""
import argparse
import pathlib
import sys
import time

import dask.bag as db
from dask.distributed import Client, LocalCluster

import pitchrisk

BANDS = [i / 10 for i in range(11)]
_model = None  # one compiled model per worker process


def worker_model():
    global _model
    if _model is None:
        _model = pitchrisk.approach.Model(samples=0, questions=0)
    return _model


def last_score(report):
    """P(pitch) at the last stage before exposure (the whole case when it has no stages)."""
    stages = [s for s in report["stages"] if s["stage"] != "exposure"] or report["stages"]
    return stages[-1]["assessment"]["p_pitch"]


def score_partition(cases):
    model = worker_model()
    out = []
    for name, text in cases:
        report = model.score_text(text, name)
        out.append((name, report["label"], last_score(report)))
    return out


def band_of(p):
    return min(int(p * 10), 9)


def summarise(scored, top):
    counts = {}
    for _, label, p in scored:
        counts[(band_of(p), label)] = counts.get((band_of(p), label), 0) + 1
    best = sorted(scored, key=lambda r: (-r[2], r[0]))[:top]
    return counts, best


def read_cases(paths, copies):
    cases = []
    for root in paths:
        root = pathlib.Path(root)
        files = sorted(root.rglob("*.case")) if root.is_dir() else [root]
        cases += [(f.name, f.read_text(encoding="utf-8")) for f in files]
    if not cases:
        sys.exit("score_on_dask: no .case files under " + ", ".join(map(str, paths)))
    # Copies stand in for a large queue of reported contacts; each keeps its own name.
    return [(n if copies == 1 else n.replace(".case", f"_{k}.case"), t) for k in range(copies) for n, t in cases]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help=".case files or folders (searched recursively)")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster)")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    ap.add_argument("--partitions", type=int, default=0, help="partitions (default: 4 per worker)")
    ap.add_argument("--copies", type=int, default=1, help="score each case this many times (throughput runs)")
    ap.add_argument("--top", type=int, default=5, help="how many top cases to list")
    args = ap.parse_args()

    cases = read_cases(args.inputs, args.copies)
    if args.scheduler:
        client = Client(args.scheduler)
        workers = len(client.scheduler_info()["workers"])
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
        workers = args.workers
    partitions = args.partitions or 4 * max(1, workers)

    start = time.perf_counter()
    bag = db.from_sequence(cases, npartitions=min(partitions, len(cases)))
    scored = bag.map_partitions(score_partition).compute()
    elapsed = time.perf_counter() - start
    counts, best = summarise(scored, args.top)

    print(f"{len(scored)} cases on {workers} worker(s) in {elapsed:.2f} s ({len(scored) / elapsed:.0f} cases/s)")
    print("P(pitch) band   pitch  benign")
    for b in range(10):
        print(f"{BANDS[b]:.1f}-{BANDS[b + 1]:.1f}      {counts.get((b, 'pitch'), 0):>7} {counts.get((b, 'benign'), 0):>7}")
    print("top cases:")
    for name, label, p in best:
        print(f"  {p:.3f}  {label:<7} {name}")
    client.close()


if __name__ == "__main__":
    main()
