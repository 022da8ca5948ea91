#!/usr/bin/env python3
"""Benchmark: `headstart-cli predict` against the same work in Python/torchvision, same machine,
same run, same weights and images.

  /usr/bin/python3 tests/bench/bench_predict.py --cli build/app/headstart-cli

Reports whole-process wall time (start-up, weight loading, decoding, inference, printing) for
64 images and for one image (cold start), and peak resident memory, each the median of --repeat
runs, alternating the two programs so drift on a noisy machine hits both alike.
"""
import argparse
import os
import statistics
import sys

import numpy as np
import torch
import torchvision
from PIL import Image

from benchlib import measure

HERE = os.path.dirname(os.path.abspath(__file__))


def prepare(workdir, count):
    os.makedirs(workdir, exist_ok=True)
    weights = os.path.join(workdir, "resnet50.pth")
    if not os.path.exists(weights):
        torch.manual_seed(0)
        model = torchvision.models.resnet50()
        torch.save(model.state_dict(), weights)
    rng = np.random.default_rng(0)
    images = []
    for i in range(count):
        path = os.path.join(workdir, f"image{i:03d}.jpg")
        if not os.path.exists(path):
            pixels = rng.integers(0, 256, (375, 500, 3), dtype=np.uint8)
            Image.fromarray(pixels).save(path, quality=90)
        images.append(path)
    return weights, images


def compare(name, cli, python, repeat):
    runs = {"python": [], "headstart": []}
    for _ in range(repeat):
        runs["python"].append(measure(python))
        runs["headstart"].append(measure(cli))
    result = {}
    for who, samples in runs.items():
        result[who] = (statistics.median(s[0] for s in samples), max(s[1] for s in samples))
    return name, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--workdir", default="/tmp/headstart-bench-predict")
    parser.add_argument("--images", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    weights, images = prepare(args.workdir, args.images)
    py = [sys.executable, os.path.join(HERE, "python_predict.py"), weights]
    cli = [args.cli, "predict", "--weights", weights]
    rows = [
        compare(f"throughput, {len(images)} images", cli + images, py + images, args.repeat),
        compare("cold start, 1 image", cli + images[:1], py + images[:1], args.repeat),
    ]
    # libtorch's own start-up, which no program linking it avoids: cold start's floor.
    floor = statistics.median(measure([args.cli, "--version"])[0] for _ in range(args.repeat))
    print(f"machine: {os.cpu_count()} cores; torch {torch.__version__}; median of {args.repeat}; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"headstart-cli --version: {floor:.2f} s (the floor of cold start)")
    print(f"{'case':28} {'python s':>9} {'headstart s':>12} {'speed-up':>9} "
          f"{'python MiB':>11} {'headstart MiB':>14}")
    for name, r in rows:
        (pw, pm), (hw, hm) = r["python"], r["headstart"]
        print(f"{name:28} {pw:9.2f} {hw:12.2f} {pw / hw:8.2f}x {pm:11.0f} {hm:14.0f}")
        if name.startswith("throughput"):
            n = len(images)
            print(f"{'  images/s':28} {n / pw:9.1f} {n / hw:12.1f}")


if __name__ == "__main__":
    main()
