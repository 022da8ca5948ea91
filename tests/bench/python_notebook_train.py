#!/usr/bin/env python3
"""The course notebook's transfer-learning loop, as written there: a frozen ResNet50 left in
train mode, the whole backbone run on every image in every epoch, Adam on a new fc, then the
test loop. Used as the baseline of bench_train.py.

Usage: python_notebook_train.py WEIGHTS DATASET_ROOT EPOCHS
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.optim as optim
import torch.utils.data as data
import torchvision
from PIL import Image
from torchvision.models import ResNet50_Weights


class DogDataset(data.Dataset):
    def __init__(self, path, train=True, transform=None):
        self.path = os.path.join(path, "train" if train else "test")
        self.transform = transform
        with open(os.path.join(self.path, "format.json")) as fp:
            self.format = json.load(fp)
        self.files = []
        self.targets = torch.eye(len(self.format))
        for folder, target in self.format.items():
            folder_path = os.path.join(self.path, folder)
            self.files.extend((os.path.join(folder_path, f), target) for f in os.listdir(folder_path))

    def __getitem__(self, item):
        path, target = self.files[item]
        img = Image.open(path).convert("RGB")
        return self.transform(img), self.targets[target]

    def __len__(self):
        return len(self.files)


def main():
    torch.set_num_threads(os.cpu_count() or 1)
    weights, root, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    transforms = ResNet50_Weights.IMAGENET1K_V2.transforms()
    model = torchvision.models.resnet50()
    model.load_state_dict(torch.load(weights))
    model.requires_grad_(False)
    d_train = DogDataset(root, transform=transforms)
    model.fc = nn.Linear(512 * 4, len(d_train.format))
    model.fc.requires_grad_(True)
    train_data = data.DataLoader(d_train, batch_size=32, shuffle=True)
    optimizer = optim.Adam(params=model.fc.parameters(), lr=0.001, weight_decay=0.001)
    loss_function = nn.CrossEntropyLoss()
    model.train()
    for e in range(epochs):
        loss_mean, count = 0, 0
        for x, y in train_data:
            loss = loss_function(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            count += 1
            loss_mean = 1 / count * loss.item() + (1 - 1 / count) * loss_mean
        print(f"Epoch {e + 1}/{epochs}, loss_mean={loss_mean:.3f}", flush=True)
    d_test = DogDataset(root, train=False, transform=transforms)
    test_data = data.DataLoader(d_test, batch_size=50, shuffle=False)
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in test_data:
            correct += torch.sum(model(x).argmax(1) == y.argmax(1)).item()
    print(correct / len(d_test))


if __name__ == "__main__":
    main()
