#!/usr/bin/env python3
"""Last-stage fine-tuning the straightforward way in PyTorch: the whole forward pass in every
epoch, stem to layer3 frozen under no_grad, layer4 (BatchNorm in eval mode) and a new fc trained.
The recipe HeadStart follows: `warmup` head-only epochs (Adam), then `epochs` of AdamW with
layer4 at lr * factor. The baseline of bench_stage.py; prints {"accuracy": ...} as JSON.

Usage: python_stage_train.py ARCH WEIGHTS DATASET_ROOT EPOCHS WARMUP
"""
import json
import os
import sys

import torch
import torch.nn.functional as F
import torchvision
from PIL import Image
from torchvision.models import ResNet50_Weights

LR, WD, FACTOR, BATCH = 1e-3, 1e-3, 0.1, 32


def load(root, split, transform):
    with open(os.path.join(root, split, "format.json")) as f:
        index = json.load(f)
    items = []
    for name, label in index.items():
        folder = os.path.join(root, split, name)
        items += [(os.path.join(folder, f), label) for f in sorted(os.listdir(folder))]
    x = torch.stack([transform(Image.open(p).convert("RGB")) for p, _ in items])
    return x, torch.tensor([label for _, label in items]), len(index)


def main():
    arch, weights, root, epochs, warmup = sys.argv[1:6]
    epochs, warmup = int(epochs), int(warmup)
    torch.manual_seed(0)
    transform = ResNet50_Weights.IMAGENET1K_V2.transforms()
    train_x, train_y, classes = load(root, "train", transform)
    test_x, test_y, _ = load(root, "test", transform)
    model = getattr(torchvision.models, arch)()
    model.load_state_dict(torch.load(weights))
    model.fc = torch.nn.Linear(model.fc.in_features, classes)
    model.eval()  # every BatchNorm keeps its statistics
    trunk = torch.nn.Sequential(model.conv1, model.bn1, model.relu, model.maxpool, model.layer1,
                                model.layer2, model.layer3)

    def forward(x, train_stage):
        with torch.no_grad():
            maps = trunk(x)
        with torch.set_grad_enabled(train_stage):
            pooled = F.adaptive_avg_pool2d(model.layer4(maps), 1).flatten(1)
        return model.fc(pooled)

    def run(optimizer, train_stage):
        order = torch.randperm(len(train_y))
        for i in range(0, len(order), BATCH):
            rows = order[i:i + BATCH]
            loss = F.cross_entropy(forward(train_x[rows], train_stage), train_y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    head = torch.optim.Adam(model.fc.parameters(), lr=LR, weight_decay=WD)
    for _ in range(warmup):
        run(head, False)
    both = torch.optim.AdamW([{"params": model.layer4.parameters(), "lr": LR * FACTOR},
                              {"params": model.fc.parameters(), "lr": LR}], lr=LR, weight_decay=WD)
    for _ in range(epochs):
        run(both, True)
    with torch.no_grad():
        predicted = torch.cat([forward(test_x[i:i + BATCH], False).argmax(1)
                               for i in range(0, len(test_y), BATCH)])
    print(json.dumps({"accuracy": (predicted == test_y).float().mean().item()}))


if __name__ == "__main__":
    main()
