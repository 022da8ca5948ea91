#!/usr/bin/env python3
"""Writes the reference files the C++ tests compare against, using torch and torchvision.

Everything is generated here, deterministically: torchvision ResNet checkpoints saved exactly as
torchvision saves them (random weights with BatchNorm statistics estimated on data, so activations
have realistic scale), images in several formats, and what torchvision computes from them.

Usage: make_fixtures.py OUT_DIR
"""
import collections
import io
import json
import os
import sys
import zipfile
import zlib

import numpy as np
import torch
import torchvision
from PIL import Image
from torchvision.models import ResNet18_Weights, ResNet50_Weights


def make_model(arch, seed, num_classes=1000):
    torch.manual_seed(seed)
    model = getattr(torchvision.models, arch)(num_classes=num_classes)
    # Estimate BatchNorm statistics on smooth random images, as training would.
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.momentum = None
            m.reset_running_stats()
            with torch.no_grad():
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    model.train()
    with torch.no_grad():
        for _ in range(2):
            x = torch.nn.functional.interpolate(torch.randn(4, 3, 14, 14), size=96, mode="bilinear")
            model(x)
    model.eval()
    return model


def synthetic_image(seed, width, height):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    channels = []
    for c in range(3):
        fx, fy, phase = rng.uniform(0.005, 0.05), rng.uniform(0.005, 0.05), rng.uniform(0, 6.28)
        channels.append(127 + 100 * np.sin(x * fx + y * fy + phase))
    img = np.stack(channels, axis=-1) + rng.normal(0, 12, (height, width, 3))
    # A few hard edges, where resampling differences would show.
    for _ in range(4):
        x0, y0 = rng.integers(0, width - 8), rng.integers(0, height - 8)
        img[y0:y0 + height // 5, x0:x0 + width // 6] = rng.uniform(0, 255, 3)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


# name, size, how it is saved
IMAGES = [
    ("photo.jpg", (500, 375), lambda im, p: im.save(p, quality=90)),
    ("portrait.png", (301, 457), lambda im, p: im.save(p)),
    ("identity.png", (232, 300), lambda im, p: im.save(p)),  # short side already 232
    ("small.bmp", (160, 120), lambda im, p: im.save(p)),  # upscaled
    ("alpha.png", (640, 480), lambda im, p: im.convert("RGBA").save(p)),
    ("gray.png", (333, 250), lambda im, p: im.convert("L").save(p)),
    ("palette.png", (410, 300), lambda im, p: im.convert("P").save(p)),
    ("subsampled.jpg", (451, 299), lambda im, p: im.save(p, quality=75, subsampling=2)),
    ("tiled.tiff", (350, 260), lambda im, p: im.save(p)),
    ("lossless.webp", (280, 390), lambda im, p: im.save(p, lossless=True)),
    # JPEG is decoded by libjpeg directly: its colour spaces, scan modes and chroma layouts,
    # at sizes that leave partial blocks
    ("gray.jpg", (317, 239), lambda im, p: im.convert("L").save(p, quality=85)),
    ("progressive.jpg", (403, 301), lambda im, p: im.save(p, quality=85, progressive=True)),
    ("subsampled422.jpg", (389, 277), lambda im, p: im.save(p, quality=80, subsampling=1)),
]


def write_images(out):
    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    names = []
    for i, (name, size, save) in enumerate(IMAGES):
        save(synthetic_image(100 + i, *size), os.path.join(out, "images", name))
        names.append(name)
    return names


def write_special_images(out):
    """Images whose decoding differs by design or by option: CMYK and EXIF orientation."""
    folder = os.path.join(out, "special")
    os.makedirs(folder, exist_ok=True)
    img = synthetic_image(7, 120, 80)
    img.convert("CMYK").save(os.path.join(folder, "cmyk.jpg"), quality=95)
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees clockwise to display
    img.save(os.path.join(folder, "rotated.jpg"), exif=exif.tobytes(), quality=95)
    img.save(os.path.join(folder, "upright.png"))


def write_reference(out, names):
    reference = collections.OrderedDict()
    summary = {"images": names, "top5": {}}
    models = {
        "resnet50": (make_model("resnet50", 50), ResNet50_Weights.IMAGENET1K_V2.transforms()),
        "resnet18": (make_model("resnet18", 18), ResNet18_Weights.IMAGENET1K_V1.transforms()),
    }
    for arch, (model, _) in models.items():
        torch.save(model.state_dict(), os.path.join(out, arch + ".pth"))
    for name in names:
        pil = Image.open(os.path.join(out, "images", name)).convert("RGB")
        reference[name + "/decoded"] = torch.from_numpy(np.asarray(pil).copy())
        for arch, (model, transform) in models.items():
            x = transform(pil)
            with torch.no_grad():
                logits = model(x.unsqueeze(0)).squeeze(0)
            reference[f"{name}/{arch}/input"] = x
            reference[f"{name}/{arch}/logits"] = logits
            probs, idx = logits.softmax(0).sort(descending=True)
            summary["top5"][f"{name}/{arch}"] = {
                "index": idx[:5].tolist(), "probability": probs[:5].tolist()}
    torch.save(reference, os.path.join(out, "reference.pt"))
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(summary, f, indent=1)


def write_bad_checkpoints(out):
    bad = os.path.join(out, "bad")
    os.makedirs(bad, exist_ok=True)
    good = make_model("resnet18", 1)
    state = good.state_dict()
    torch.save(state, os.path.join(bad, "legacy.pth"), _use_new_zipfile_serialization=False)
    wrong = collections.OrderedDict(state)
    wrong["layer1.0.conv1.weight"] = torch.zeros(64, 64, 1, 1)
    torch.save(wrong, os.path.join(bad, "wrong_shape.pth"))
    missing = collections.OrderedDict(state)
    del missing["layer4.1.bn2.running_var"]
    torch.save(missing, os.path.join(bad, "missing_key.pth"))
    extra = collections.OrderedDict(state)
    extra["layer5.0.conv1.weight"] = torch.zeros(1)
    torch.save(extra, os.path.join(bad, "unexpected_key.pth"))
    integer = collections.OrderedDict(state)
    integer["conv1.weight"] = torch.zeros(64, 3, 7, 7, dtype=torch.int32)
    torch.save(integer, os.path.join(bad, "integer_weights.pth"))
    half = collections.OrderedDict((k, v.half() if v.is_floating_point() else v) for k, v in state.items())
    torch.save(half, os.path.join(bad, "half_precision.pth"))  # valid: converted on load
    torch.save({"epoch": 3, "state_dict": state}, os.path.join(bad, "wrapped.pth"))  # valid too

    class Exploit:
        def __reduce__(self):
            return (os.system, ("touch " + os.path.join(bad, "PWNED"),))

    torch.save({"conv1.weight": Exploit()}, os.path.join(bad, "exploit.pth"))
    data = open(os.path.join(out, "resnet18.pth"), "rb").read()
    open(os.path.join(bad, "truncated.pth"), "wb").write(data[: len(data) // 2])
    open(os.path.join(bad, "not_zip.pth"), "wb").write(b"this is a text file, not weights\n")
    open(os.path.join(bad, "empty.pth"), "wb").close()
    with zipfile.ZipFile(os.path.join(bad, "no_pickle.pth"), "w") as z:
        z.writestr("archive/version", "3\n")
        z.writestr("archive/other.txt", "hello")


# Dataset classes: two named like ImageNet classes (warm start), one not.
DATASET_CLASSES = ["n02085620-Chihuahua", "n02086240-Shih-Tzu", "stripes"]


def class_image(label, seed, width, height):
    """Images whose class shows in colour and texture, so even a random backbone separates them."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    base = np.zeros((height, width, 3), np.float32)
    if label == 0:
        base[..., 0] = 200
        base[..., 1] = 60 + 40 * np.sin(x / 7 + rng.uniform(0, 6))
    elif label == 1:
        base[..., 1] = 180 * ((x // 10 + y // 10) % 2)
        base[..., 2] = 90
    else:
        base[..., 2] = 220 * ((y // 6) % 2)
        base[..., 0] = 40
    img = base + rng.normal(0, 20, base.shape)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def write_dataset(out):
    """A small dataset in the course's layout, with the mess real folders have."""
    root = os.path.join(out, "dataset")
    index = {name: i for i, name in enumerate(DATASET_CLASSES)}
    counts = {"train": 14, "test": 6}
    for split, count in counts.items():
        for name, label in index.items():
            folder = os.path.join(root, split, name)
            os.makedirs(folder, exist_ok=True)
            for i in range(count):
                size = (96 + 8 * (i % 3), 80 + 4 * (i % 4))
                ext = "jpg" if i % 2 else "png"
                img = class_image(label, zlib.crc32(f"{split}/{name}/{i}".encode()), *size)
                img.save(os.path.join(folder, f"{name[:4]}_{i:02d}.{ext}"))
        with open(os.path.join(root, split, "format.json"), "w") as f:
            json.dump(index, f)
    messy = os.path.join(root, "train", DATASET_CLASSES[2])
    open(os.path.join(messy, "empty.jpg"), "wb").close()
    open(os.path.join(messy, "notes.jpg"), "w").write("not a picture\n")
    good = open(os.path.join(messy, "stri_01.jpg"), "rb").read()
    open(os.path.join(messy, "cut.jpg"), "wb").write(good[: len(good) // 2])
    open(os.path.join(messy, ".hidden.jpg"), "wb").write(good)
    open(os.path.join(messy, "readme.txt"), "w").write("ignored\n")
    # The same file in train and test: leakage the report must name.
    open(os.path.join(root, "test", DATASET_CLASSES[2], "copy_of_train.jpg"), "wb").write(good)
    return root


def write_dataset_backbone(out, root):
    """resnet18 whose BatchNorm statistics come from the dataset's own images."""
    model = make_model("resnet18", 18)
    transform = ResNet18_Weights.IMAGENET1K_V1.transforms()
    batch = []
    for name in DATASET_CLASSES:
        folder = os.path.join(root, "train", name)
        for f in sorted(os.listdir(folder))[:6]:
            try:
                batch.append(transform(Image.open(os.path.join(folder, f)).convert("RGB")))
            except Exception:
                continue
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.reset_running_stats()
    model.train()
    with torch.no_grad():
        model(torch.stack(batch))
    model.eval()
    torch.save(model.state_dict(), os.path.join(out, "backbone18.pth"))


def write_fuzz_seeds(out):
    """Small valid inputs for the fuzz targets in tests/fuzz: libFuzzer mutates from these."""
    seeds = os.path.join(out, "fuzz")
    folders = {name: os.path.join(seeds, name) for name in ("checkpoint", "image", "format")}
    for folder in folders.values():
        os.makedirs(folder, exist_ok=True)
    torch.manual_seed(3)
    head = collections.OrderedDict(weight=torch.randn(2, 4), bias=torch.randn(2))
    torch.save(head, os.path.join(folders["checkpoint"], "head.pt"))
    torch.save(dict(head), os.path.join(folders["checkpoint"], "plain_dict.pt"))
    torch.save({"epoch": 1, "state_dict": head}, os.path.join(folders["checkpoint"], "wrapped.pt"))
    torch.save(collections.OrderedDict((k, v.half()) for k, v in head.items()),
               os.path.join(folders["checkpoint"], "half.pt"))
    bn = torch.nn.BatchNorm2d(2).state_dict()  # float buffers and an int64 counter
    torch.save(bn, os.path.join(folders["checkpoint"], "batchnorm.pt"))
    shared = torch.arange(8.0)
    torch.save({"weight": shared[:4].view(2, 2), "bias": shared[4:6]},  # views of one storage
               os.path.join(folders["checkpoint"], "shared_storage.pt"))
    img = synthetic_image(11, 24, 16)
    img.save(os.path.join(folders["image"], "rgb.jpg"), quality=80)
    img.save(os.path.join(folders["image"], "progressive.jpg"), quality=80, progressive=True)
    img.save(os.path.join(folders["image"], "rgb.png"))
    img.convert("RGBA").save(os.path.join(folders["image"], "rgba.png"))
    img.convert("L").save(os.path.join(folders["image"], "grey.png"))
    img.convert("P", palette=Image.ADAPTIVE, colors=16).save(os.path.join(folders["image"], "palette.png"))
    img.save(os.path.join(folders["image"], "rgb.bmp"))
    img.save(os.path.join(folders["image"], "rgb.tiff"))
    img.save(os.path.join(folders["image"], "rgb.webp"), quality=80)
    formats = {"simple.json": {"cat": 0, "dog": 1},
               "four.json": {"cat": 0, "dog": 1, "0": 2, "fish": 3},
               "reordered.json": {"fish": 0, "0": 1, "dog": 2, "cat": 3}}
    for name, mapping in formats.items():
        with open(os.path.join(folders["format"], name), "w") as f:
            json.dump(mapping, f)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(os.cpu_count() or 1)
    names = write_images(out)
    write_special_images(out)
    write_reference(out, names)
    write_bad_checkpoints(out)
    write_dataset_backbone(out, write_dataset(out))
    write_fuzz_seeds(out)
    open(os.path.join(out, "READY"), "w").write(torch.__version__ + " " + torchvision.__version__)


if __name__ == "__main__":
    main()
