#!/usr/bin/env python3
"""Benchmark: `headstart-cli train --train-last-stage` against PyTorch doing the same recipe the
straightforward way (python_stage_train.py: the whole forward pass in every epoch, the frozen
layers under no_grad), same machine, same weights (a random torchvision network) and the same
generated 10-class dataset.

  /usr/bin/python3 tests/bench/bench_stage.py --cli build/app/headstart-cli

Targets (issue #14): accuracy within 0.03 of PyTorch's; at least 4x faster for 5 epochs from an
empty cache, at least 20x with a warm cache; peak memory under 2 GiB for 2,000 training images
(--train-per-class 200) with 4 views. Whole processes are timed; peak resident memory is the
process's.

Peak memory with augmented views, at several dataset sizes (no PyTorch run; the maps are read
back batch by batch, so the peak should not grow with the number of maps):

  /usr/bin/python3 tests/bench/bench_stage.py --cli build/app/headstart-cli --augment 4 \
      --sizes 20,40
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

import torch
import torchvision

from bench_train import make_dataset

HERE = os.path.dirname(os.path.abspath(__file__))


def measure_output(command):
    """Wall seconds, peak resident memory (MiB) and standard output of one run of `command`."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command[:4])}...: {proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024, out.decode()


def accuracy_of(cli_json):
    for line in cli_json.splitlines():
        event = json.loads(line)
        if event.get("event") == "summary":
            return event["test_accuracy"], event.get("map_cache", {})
    sys.exit("no summary in headstart-cli's output")


def prepare(args, train_per_class):
    """The weights file and the generated dataset."""
    os.makedirs(args.workdir, exist_ok=True)
    weights = os.path.join(args.workdir, f"{args.arch}.pth")
    if not os.path.exists(weights):
        torch.manual_seed(0)
        torch.save(getattr(torchvision.models, args.arch)().state_dict(), weights)
    data = os.path.join(args.workdir, f"dataset-{args.classes}-{train_per_class}")
    make_dataset(data, args.classes, train_per_class, args.test_per_class)
    return weights, data


def cli_command(args, weights, data, cache, augment=0):
    out = os.path.join(args.workdir, "out", "stage.pt")
    return [args.cli, "train", "--data", data, "--arch", args.arch, "--weights", weights,
            "--cache-dir", cache, "--out", out, "--train-last-stage", "--json",
            "--epochs", str(args.epochs), "--head-epochs", str(args.warmup),
            "--augment", str(augment)]


def speed(args):
    weights, data = prepare(args, args.train_per_class)
    cache = os.path.join(args.workdir, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    cli = cli_command(args, weights, data, cache)
    python = measure_output([sys.executable, os.path.join(HERE, "python_stage_train.py"), args.arch,
                             weights, data, str(args.epochs), str(args.warmup)])
    python_accuracy = json.loads(python[2])["accuracy"]
    cold = measure_output(cli)
    warm = measure_output(cli)
    images = args.classes * (args.train_per_class + args.test_per_class)
    print(f"machine: {os.cpu_count()} cores; torch {torch.__version__}; {args.arch}; dataset: "
          f"{args.classes} classes, {images} images of 500x375; {args.warmup} head-only + "
          f"{args.epochs} epochs")
    print(f"{'case':40} {'wall s':>8} {'speed-up':>9} {'peak MiB':>9} {'accuracy':>9}")
    print(f"{'PyTorch, straightforward':40} {python[0]:8.2f} {1:8.1f}x {python[1]:9.0f} "
          f"{python_accuracy:9.3f}")
    for name, run in (("headstart, empty cache", cold), ("headstart, warm cache", warm)):
        accuracy, maps = accuracy_of(run[2])
        print(f"{name:40} {run[0]:8.2f} {python[0] / run[0]:8.1f}x {run[1]:9.0f} {accuracy:9.3f}"
              f"   (map cache {maps.get('bytes', 0) / 2**20:.0f} MiB, "
              f"{maps.get('evicted', 0)} evicted)")


def memory(args):
    """Peak resident memory of runs with --augment at each size, from an empty and a warm cache."""
    print(f"machine: {os.cpu_count()} cores; torch {torch.__version__}; {args.arch}; "
          f"--augment {args.augment}; {args.warmup} head-only + {args.epochs} epochs; "
          f"{args.classes} classes, {args.test_per_class} test images per class")
    print(f"{'train images':>12} {'maps':>6} {'map MiB':>8} {'case':>12} {'wall s':>8} "
          f"{'peak MiB':>9} {'accuracy':>9}")
    for per_class in args.sizes:
        weights, data = prepare(args, per_class)
        cache = os.path.join(args.workdir, f"cache-memory-{per_class}")
        shutil.rmtree(cache, ignore_errors=True)
        cli = cli_command(args, weights, data, cache, args.augment)
        train = args.classes * per_class
        for name in ("empty cache", "warm cache"):
            wall, peak, output = measure_output(cli)
            accuracy, maps = accuracy_of(output)
            count = train * (1 + args.augment) + args.classes * args.test_per_class
            print(f"{train:12} {count:6} {maps.get('bytes', 0) / 2**20:8.0f} {name:>12} "
                  f"{wall:8.1f} {peak:9.0f} {accuracy:9.3f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--workdir", default="/tmp/headstart-bench-stage")
    parser.add_argument("--arch", default="resnet50")
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--train-per-class", type=int, default=32)
    parser.add_argument("--test-per-class", type=int, default=8)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--augment", type=int, default=0,
                        help="measure peak memory with this many views instead of speed")
    parser.add_argument("--sizes", type=lambda text: [int(n) for n in text.split(",")],
                        default=[20, 40], help="with --augment: training images per class")
    args = parser.parse_args()
    if args.augment > 0:
        memory(args)
    else:
        speed(args)


if __name__ == "__main__":
    main()
