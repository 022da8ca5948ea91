"""What the benchmarks share: timing a whole process and its peak memory, writing a dataset."""
import json
import os
import subprocess
import sys
import time

import numpy as np


def measure(command):
    """Wall seconds and peak resident memory (MiB) of one run of `command`."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command[:4])}...: {proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def write_dataset(root, classes, train_per_class, test_per_class, class_painter):
    """A generated dataset in the course's layout (train/ and test/, a folder per class named
    class_NN, format.json), JPEGs drawn from one generator seeded with 1. For each split and class,
    class_painter(label, rng) is called once and returns paint(rng), which draws one image per
    call. Files already there are kept; their images are still drawn, so the others stay the same.
    """
    rng = np.random.default_rng(1)
    index = {f"class_{c:02d}": c for c in range(classes)}
    for split, count in (("train", train_per_class), ("test", test_per_class)):
        for name, label in index.items():
            folder = os.path.join(root, split, name)
            os.makedirs(folder, exist_ok=True)
            paint = class_painter(label, rng)
            for i in range(count):
                path = os.path.join(folder, f"{i:03d}.jpg")
                image = paint(rng)
                if not os.path.exists(path):
                    image.save(path, quality=90)
        with open(os.path.join(root, split, "format.json"), "w") as f:
            json.dump(index, f)
