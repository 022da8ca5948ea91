#!/usr/bin/env python3
"""The Python/torchvision way of predicting, as the course notebook does it, batched like the CLI.

Usage: python_predict.py WEIGHTS IMAGE...
"""
import os
import sys

import torch
import torchvision
from PIL import Image
from torchvision.models import ResNet50_Weights

BATCH = 16


def main():
    torch.set_num_threads(os.cpu_count() or 1)  # the same cores the CLI uses
    weights, images = sys.argv[1], sys.argv[2:]
    model = torchvision.models.resnet50()
    model.load_state_dict(torch.load(weights))
    model.eval()
    transform = ResNet50_Weights.IMAGENET1K_V2.transforms()
    categories = ResNet50_Weights.IMAGENET1K_V2.meta["categories"]
    with torch.inference_mode():
        for start in range(0, len(images), BATCH):
            batch = images[start:start + BATCH]
            x = torch.stack([transform(Image.open(p).convert("RGB")) for p in batch])
            probs, idx = model(x).softmax(1).topk(5)
            for path, p, i in zip(batch, probs, idx):
                print(path)
                for s, c in zip(p.tolist(), i.tolist()):
                    print(f"{categories[c]}: {s:.4f}")


if __name__ == "__main__":
    main()
