#!/usr/bin/env python3
"""Benchmark: memory of `headstart-cli predict DIR --csv FILE` over thousands of images.

  /usr/bin/python3 tests/bench/bench_folder.py --cli build/app/headstart-cli [--count 2000]

Writes COUNT small JPEGs and a resnet18 with random weights into --workdir, runs the CLI on the
folder, and samples its resident memory (VmRSS) while it goes, next to the number of CSV rows
written so far. Memory is flat when the resident size once a quarter of the images is done
stays within a few MB up to the end: the engine holds one chunk of images at a time, and rows go
to the file as they come.
"""
import argparse
import os
import subprocess
import time

import numpy as np
import torch
import torchvision
from PIL import Image


def prepare(workdir, count):
    images = os.path.join(workdir, "images")
    os.makedirs(images, exist_ok=True)
    weights = os.path.join(workdir, "resnet18.pth")
    if not os.path.exists(weights):
        torch.manual_seed(0)
        torch.save(torchvision.models.resnet18().state_dict(), weights)
    rng = np.random.default_rng(0)
    for i in range(count):
        path = os.path.join(images, f"{i // 500:02d}", f"image{i:05d}.jpg")
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            pixels = rng.integers(0, 256, (240, 320, 3), dtype=np.uint8)
            Image.fromarray(pixels).save(path, quality=85)
    return weights, images


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def rows(path):
    try:
        with open(path, "rb") as f:
            return max(0, f.read().count(b"\n") - 1)
    except FileNotFoundError:
        return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--workdir", default="/tmp/headstart-bench-folder")
    args = ap.parse_args()
    weights, images = prepare(args.workdir, args.count)
    csv = os.path.join(args.workdir, "predictions.csv")
    start = time.monotonic()
    proc = subprocess.Popen([args.cli, "predict", "--weights", weights, "--top", "3", "--csv", csv,
                             images], stdout=subprocess.DEVNULL)
    samples = []
    while proc.poll() is None:
        try:
            samples.append((time.monotonic() - start, rows(csv), rss_mb(proc.pid)))
        except (FileNotFoundError, ProcessLookupError):
            break
        time.sleep(0.25)
    seconds = time.monotonic() - start
    done = rows(csv)
    print(f"{done} of {args.count} images in {seconds:.1f} s ({done / seconds:.1f} images/s), "
          f"exit {proc.returncode}")
    print("images done   resident MB")
    step = max(1, args.count // 10)
    next_mark = 0
    for _, n, mb in samples:
        if n >= next_mark:
            print(f"{n:11d}   {mb:11.1f}")
            next_mark = n + step
    after_quarter = [mb for _, n, mb in samples if n >= args.count // 4]
    if after_quarter:
        print(f"resident after a quarter of the images: {min(after_quarter):.1f} to "
              f"{max(after_quarter):.1f} MB (growth {max(after_quarter) - after_quarter[0]:+.1f} MB)")


if __name__ == "__main__":
    main()
