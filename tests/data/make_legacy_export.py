#!/usr/bin/python3
"""Writes tests/data/legacy/: an export as HeadStart wrote it before SHA-256 (manifest format 1,
`head_hash` the home-made 64-bit hash), so test_hashing can show that such an export still
loads with its own head and is refused with another one.

    dogs.pt, dogs.json   a resnet18 head for two classes and its format-1 manifest
    other.pt             a head of the same shape from another export

Run with Debian's python3 (python3-torch):
    /usr/bin/python3 tests/data/make_legacy_export.py
The old hash is written out again below from its definition; it was checked against the old
C++ function (core/src/util/hash.cpp at commit 00888e1) on these files and on files of 0 bytes
to 3 MiB + 5.
"""
import collections
import io
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "legacy")
MASK = (1 << 64) - 1
MULTIPLIER = 0xFF51AFD7ED558CCD
CHUNK = 1 << 20  # the old version hashed files and bytes in pieces of 1 MiB


def mix(x):
    x ^= x >> 33
    x = (x * MULTIPLIER) & MASK
    x ^= x >> 33
    x = (x * 0xC4CEB9FE1A85EC53) & MASK
    return x ^ (x >> 33)


def update(state, piece):
    whole = len(piece) // 8 * 8
    for i in range(0, whole, 8):
        word = int.from_bytes(piece[i:i + 8], "little")
        state = ((state ^ mix(word)) * MULTIPLIER + 0x632BE59BD9B4E019) & MASK
    tail = int.from_bytes(piece[whole:], "little")
    return ((state ^ mix((tail + len(piece) - whole) & MASK)) * MULTIPLIER) & MASK


def old_hash(data):
    state = 0x9E3779B97F4A7C15
    for start in range(0, max(len(data), 1), CHUNK):
        state = update(state, data[start:start + CHUNK])
    return "%016x" % mix(state ^ len(data))


def head_bytes(seed):
    g = torch.Generator().manual_seed(seed)
    state = collections.OrderedDict(weight=torch.randn(2, 512, generator=g) * 0.01,
                                    bias=torch.randn(2, generator=g) * 0.01)
    buffer = io.BytesIO()
    torch.save(state, buffer)
    return buffer.getvalue()


def manifest(head):
    """The fields and order of the format-1 exporter; the weights file is not shipped here."""
    return {
        "format": 1,
        "software": "HeadStart 0.1.0",
        "classes": ["n02085620-Chihuahua", "stripes"],
        "arch": "resnet18",
        "feature_dim": 512,
        "weights": {"file": "resnet18-f37072fd.pth", "hash": old_hash(b"not shipped")},
        "preset": {"name": "IMAGENET1K_V1", "resize": 256, "crop": 224,
                   "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
        "hyperparameters": {"epochs": 5, "batch_size": 32, "learning_rate": 0.001,
                            "weight_decay": 0.001, "optimizer": "Adam",
                            "validation_fraction": 0.0, "patience": 0, "warm_start": True},
        "seed": 1,
        "dataset": {"root": "dogs", "layout": "ImageFolder",
                    "counts": [{"class": "n02085620-Chihuahua", "train": 8, "test": 2},
                               {"class": "stripes", "train": 8, "test": 2}],
                    "train_images": 16, "test_images": 4},
        "metrics": {"test_accuracy": 1.0, "test_loss": 0.1, "test_top5_accuracy": 1.0,
                    "best_epoch": 5, "history": []},
        "files": {"head": "dogs.pt", "head_hash": old_hash(head)},
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    head = head_bytes(1)
    with open(os.path.join(OUT, "dogs.pt"), "wb") as f:
        f.write(head)
    with open(os.path.join(OUT, "other.pt"), "wb") as f:
        f.write(head_bytes(2))
    with open(os.path.join(OUT, "dogs.json"), "w") as f:
        f.write(json.dumps(manifest(head), indent=2) + "\n")
    print("wrote", OUT, "head_hash", old_hash(head))


if __name__ == "__main__":
    main()
