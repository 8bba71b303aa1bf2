#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Parameter learning, pitchrisk against pomegranate 0.14, side by side on the same CSV files.

For each network and training size: pitchrisk-sample draws TRAIN (seed 1) and a held-out TEST
of 20,000 records (seed 2); both libraries learn the CPTs of the true structure from TRAIN with
the same prior (pseudo-count 1 per entry: pitchrisk --prior k2, pomegranate pseudocount=1),
and both learned models are scored on TEST by the held-out log-likelihood per record (nats).
Times are process CPU seconds of the learning alone (reading the CSV is not timed on either
side); the machine may be shared, and CPU time is the fairer figure. Also runs pitchrisk's EM
on alarm with 20% of the cells missing (pomegranate 0.14 has no EM for Bayesian networks).

Run with Debian's Python (it has pomegranate, numpy and pandas):
  /usr/bin/python3 bench/pomegranate_compare.py --build build [--networks asia,alarm] [--sizes 1000,10000]
"""
import argparse, json, os, re, subprocess, sys, tempfile, time

import numpy as np
import pandas as pd
from pomegranate import BayesianNetwork


def read_bif_structure(path):
    """Variable names, states and parent lists of a plain BIF file (as in shared/networks)."""
    text = open(path).read()
    names, states = [], {}
    for m in re.finditer(r'variable\s+"?([^\s"{]+)"?\s*\{[^}]*?\{([^}]*)\}', text):
        names.append(m.group(1))
        states[m.group(1)] = [s.strip().strip('"') for s in m.group(2).split(',')]
    parents = {n: [] for n in names}
    for m in re.finditer(r'probability\s*\(\s*([^|)]+?)\s*(?:\|\s*([^)]*))?\)', text):
        child = m.group(1).strip().strip('"')
        if m.group(2):
            parents[child] = [p.strip().strip('"') for p in m.group(2).split(',')]
    return names, states, parents


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return out.stdout


def pomegranate_fit(train_csv, test_csv, names, states, parents):
    train = pd.read_csv(train_csv, dtype=str, keep_default_na=False)[names].values
    test = pd.read_csv(test_csv, dtype=str, keep_default_na=False)[names].values
    index = {n: i for i, n in enumerate(names)}
    structure = tuple(tuple(index[p] for p in parents[n]) for n in names)
    keys = [set(states[n]) for n in names]
    c0 = time.process_time()
    model = BayesianNetwork.from_structure(train, structure, pseudocount=1.0, state_names=names, keys=keys)
    cpu = time.process_time() - c0
    ll = float(np.sum(model.log_probability(test))) / len(test)
    return cpu, ll


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--build', default='build', help='the CMake build folder (tools/, bench/)')
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared'),
                    help='the shared data folder (networks/*.bif)')
    ap.add_argument('--networks', default='asia,child,insurance,alarm')
    ap.add_argument('--sizes', default='1000,10000,100000')
    ap.add_argument('--test', type=int, default=20000)
    ap.add_argument('--no-em', action='store_true', help='skip the EM run')
    args = ap.parse_args()
    sample = os.path.join(args.build, 'tools', 'pitchrisk-sample')
    bench = os.path.join(args.build, 'bench', 'learning_benchmark')
    tmp = tempfile.mkdtemp(prefix='pitchrisk_pomegranate_')
    rows = []
    print('network\trecords\tpitchrisk_cpu_s\tpomegranate_cpu_s\tspeed-up\tll_true\tll_pitchrisk\tll_pomegranate'
          '\tgap_pitchrisk\tgap_pomegranate')
    for net in args.networks.split(','):
        bif = os.path.join(args.shared, 'networks', net + '.bif')
        names, states, parents = read_bif_structure(bif)
        test_csv = os.path.join(tmp, net + '_test.csv')
        run([sample, bif, str(args.test), '--seed', '2', '--out', test_csv])
        for n in [int(s) for s in args.sizes.split(',')]:
            train_csv = os.path.join(tmp, '%s_%d.csv' % (net, n))
            run([sample, bif, str(n), '--seed', '1', '--out', train_csv])
            ours = json.loads(run([bench, bif, train_csv, test_csv, '--prior', 'k2', '--repeat', '5']))
            pg_cpu, pg_ll = pomegranate_fit(train_csv, test_csv, names, states, parents)
            row = (net, n, ours['cpu_seconds'], pg_cpu, pg_cpu / max(ours['cpu_seconds'], 1e-9), ours['ll_true'],
                   ours['ll_learned'], pg_ll, ours['gap'], ours['ll_true'] - pg_ll)
            rows.append(row)
            print('%s\t%d\t%.5f\t%.5f\t%.0fx\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f' % row, flush=True)
            os.remove(train_csv)
    if not args.no_em and 'alarm' in args.networks.split(','):
        bif = os.path.join(args.shared, 'networks', 'alarm.bif')
        test_csv = os.path.join(tmp, 'alarm_test.csv')
        for label, n, extra in (('complete', 10000, []), ('20% missing', 10000, ['--missing', '0.2'])):
            train_csv = os.path.join(tmp, 'alarm_em_%d.csv' % n)
            run([sample, bif, str(n), '--seed', '1', '--out', train_csv] + extra)
            for threads in (1, 2):
                r = json.loads(run([bench, bif, train_csv, test_csv, '--prior', 'bdeu', '--repeat', '1',
                                    '--threads', str(threads)]))
                print('pitchrisk alarm %d records %s (%s, %d thread%s): %.3f s CPU, %.3f s wall, %d E-steps, gap %.4f nats'
                      % (n, label, 'EM' if r['em'] else 'counts', threads, '' if threads == 1 else 's',
                         r['cpu_seconds'], r['wall_seconds'], r['iterations'], r['gap']), flush=True)
                if not r['em']:
                    break
    print('(pomegranate 0.14 has no EM for Bayesian networks: no comparison for the missing-data run)')


if __name__ == '__main__':
    sys.exit(main())
