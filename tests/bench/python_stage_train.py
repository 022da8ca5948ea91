#!/usr/bin/env python3
"""Last-stage fine-tuning the straightforward way in PyTorch: the whole forward pass in every
epoch, stem to layer3 frozen under no_grad, layer4 (BatchNorm in eval mode) and a new fc trained.
The recipe HeadStart follows: `warmup` head-only epochs (Adam), then `epochs` of AdamW with
layer4 at lr * factor. The baseline of bench_stage.py; prints {"accuracy": ...} as JSON.

Usage: python_stage_train.py ARCH WEIGHTS DATASET_ROOT EPOCHS WARMUP [SEED,SEED,... [once]]

With seeds, one run per seed, and "accuracy" is their list. With "once", the frozen layers run once
per image instead of in every epoch: the same arithmetic in eval mode, for accuracy studies over
several seeds, not for timing.
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
TRUNK_MAPS = {}


def load(root, split, transform):
    with open(os.path.join(root, split, "format.json")) as f:
        index = json.load(f)
    items = []
    for name, label in index.items():
        folder = os.path.join(root, split, name)
        items += [(os.path.join(folder, f), label) for f in sorted(os.listdir(folder))]
    x = torch.stack([transform(Image.open(p).convert("RGB")) for p, _ in items])
    return x, torch.tensor([label for _, label in items]), len(index)


def train_and_test(arch, weights, data, epochs, warmup, seed, once):
    """Test accuracy of the recipe from the given seed; `data`: the train and test tensors."""
    train_x, train_y, test_x, test_y, classes = data
    torch.manual_seed(seed)
    model = getattr(torchvision.models, arch)()
    model.load_state_dict(torch.load(weights))
    model.fc = torch.nn.Linear(model.fc.in_features, classes)
    model.eval()  # every BatchNorm keeps its statistics
    trunk = torch.nn.Sequential(model.conv1, model.bn1, model.relu, model.maxpool, model.layer1,
                                model.layer2, model.layer3)

    if once:  # the frozen layers' maps are the same for every seed: computed for the first
        if "maps" not in TRUNK_MAPS:
            with torch.no_grad():
                TRUNK_MAPS["maps"] = [torch.cat([trunk(x[i:i + BATCH])
                                                 for i in range(0, len(x), BATCH)])
                                      for x in (train_x, test_x)]
        train_x, test_x = TRUNK_MAPS["maps"]
        trunk = torch.nn.Identity()

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
    return (predicted == test_y).float().mean().item()


def main():
    arch, weights, root, epochs, warmup = sys.argv[1:6]
    seeds = [int(s) for s in sys.argv[6].split(",")] if len(sys.argv) > 6 else [0]
    once = len(sys.argv) > 7 and sys.argv[7] == "once"
    transform = ResNet50_Weights.IMAGENET1K_V2.transforms()
    train_x, train_y, classes = load(root, "train", transform)
    test_x, test_y, _ = load(root, "test", transform)
    data = (train_x, train_y, test_x, test_y, classes)
    accuracy = [train_and_test(arch, weights, data, int(epochs), int(warmup), seed, once)
                for seed in seeds]
    print(json.dumps({"accuracy": accuracy if len(sys.argv) > 6 else accuracy[0]}))


if __name__ == "__main__":
    main()
