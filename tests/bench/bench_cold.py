#!/usr/bin/env python3
"""Benchmark: one-photo cold start, our own part. `headstart-cli predict` on one photo minus
`headstart-cli --version` (libtorch's start-up and exit, which any program linking it pays),
each run alternating with the other so a noisy machine's drift hits both alike.

  /usr/bin/python3 tests/bench/bench_cold.py --cli build/app/headstart-cli [--cli OTHER ...]

Several --cli builds are measured in the same rounds (e.g. before and after a change). The
packed network is written by one prediction first, into a cache of its own, as a user's first
run would; the rounds then measure later starts. Reports medians over --runs rounds and the
median of the per-round differences, and the fastest predict minus the fastest --version
(the least disturbed runs of each).
"""
import argparse
import os
import statistics
import tempfile

from bench_predict import prepare
from benchlib import measure


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", action="append", required=True)
    parser.add_argument("--workdir", default="/tmp/headstart-bench-predict")
    parser.add_argument("--runs", type=int, default=31)
    args = parser.parse_args()
    weights, images = prepare(args.workdir, 1)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["XDG_CACHE_HOME"] = cache
        predict = {cli: [cli, "predict", "--weights", weights, images[0]] for cli in args.cli}
        for command in predict.values():
            measure(command)  # packs the network into the cache
        times = {cli: {"version": [], "predict": [], "ours": []} for cli in args.cli}
        for _ in range(args.runs):
            for cli in args.cli:
                version = measure([cli, "--version"])[0]
                whole = measure(predict[cli])[0]
                times[cli]["version"].append(version)
                times[cli]["predict"].append(whole)
                times[cli]["ours"].append(whole - version)
    print(f"machine: {os.cpu_count()} cores; {args.runs} rounds; "
          f"load average {os.getloadavg()[0]:.2f}")
    print("ours: the median of the per-round differences, and the difference of the fastest runs")
    print(f"{'build':40} {'--version s':>12} {'predict s':>10} {'ours s':>8} {'fastest':>8}")
    for cli, t in times.items():
        print(f"{cli[-40:]:40} {statistics.median(t['version']):12.3f} "
              f"{statistics.median(t['predict']):10.3f} {statistics.median(t['ours']):8.3f} "
              f"{min(t['predict']) - min(t['version']):8.3f}")


if __name__ == "__main__":
    main()
