#!/usr/bin/env python3
"""Benchmark: `headstart-cli train` against the course notebook's loop in Python/torchvision, on
the same machine in the same run, same weights (a random ResNet50 saved by torchvision) and the
same generated dataset in the notebook's format.json layout.

  /usr/bin/python3 tests/bench/bench_train.py --cli build/app/headstart-cli

Cases: the notebook's 5 epochs; headstart's first run (empty feature cache, 5 epochs); a second
run (warm cache, 30 epochs), with and without exporting the whole model. Whole processes are
timed; peak resident memory is that of the process.
"""
import argparse
import os
import shutil
import sys

import numpy as np
import torch
import torchvision
from PIL import Image

from benchlib import measure, write_dataset

HERE = os.path.dirname(os.path.abspath(__file__))


def make_dataset(root, classes, train_per_class, test_per_class):
    """Each class a random tint (drawn per split), each image that tint under heavy noise."""
    def tinted_noise(label, rng):
        tint = rng.uniform(0, 255, 3)
        return lambda rng: Image.fromarray(
            np.clip(rng.normal(tint, 60, (375, 500, 3)), 0, 255).astype(np.uint8))
    write_dataset(root, classes, train_per_class, test_per_class, tinted_noise)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--workdir", default="/tmp/headstart-bench-train")
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--train-per-class", type=int, default=32)
    parser.add_argument("--test-per-class", type=int, default=8)
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    weights = os.path.join(args.workdir, "resnet50.pth")
    if not os.path.exists(weights):
        torch.manual_seed(0)
        torch.save(torchvision.models.resnet50().state_dict(), weights)
    data = os.path.join(args.workdir, "dataset")
    make_dataset(data, args.classes, args.train_per_class, args.test_per_class)
    cache = os.path.join(args.workdir, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    out = os.path.join(args.workdir, "out", "head.pt")
    cli = [args.cli, "train", "--data", data, "--weights", weights, "--cache-dir", cache, "--out", out]

    images = args.classes * (args.train_per_class + args.test_per_class)
    notebook = measure([sys.executable, os.path.join(HERE, "python_notebook_train.py"), weights, data, "5"])
    cold = measure(cli + ["--epochs", "5"])
    warm = measure(cli + ["--epochs", "30"])
    warm_head_only = measure(cli + ["--epochs", "30", "--no-model"])
    print(f"machine: {os.cpu_count()} cores; torch {torch.__version__}; dataset: {args.classes} classes, "
          f"{images} images of 500x375")
    print(f"{'case':46} {'wall s':>8} {'vs notebook':>12} {'peak MiB':>9}")
    rows = [("notebook loop, Python, 5 epochs", notebook),
            ("headstart, empty cache, 5 epochs", cold),
            ("headstart, warm cache, 30 epochs", warm),
            ("headstart, warm cache, 30 epochs, --no-model", warm_head_only)]
    for name, (wall, mib) in rows:
        print(f"{name:46} {wall:8.2f} {notebook[0] / wall:11.1f}x {mib:9.0f}")


if __name__ == "__main__":
    main()
