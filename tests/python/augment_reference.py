"""Reference for tests/test_augment.cpp: augmented views as torchvision draws and renders them.

  augment_reference.py params CASES.json     prints the view parameters of each case, as JSON
  augment_reference.py render IMAGE VIEWS.json RENDERED.pt
                                             prints the largest difference between HeadStart's
                                             rendered views and torchvision's, per view

The random numbers are SplitMix64's, written out here as in core/src/image/augment.cpp; the crop
follows torchvision's RandomResizedCrop.get_params line by line, with those numbers in place of
torch's generator. Rendering uses torchvision's functional ops on the PIL image, as its training
transform does for ImageFolder's PIL images.
"""
import json
import math
import sys

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class SplitMix64:
    def __init__(self, state):
        self.state = state

    def next(self):
        self.state = (self.state + GOLDEN) & MASK
        return mix(self.state)

    def uniform(self, low, high):
        return low + (high - low) * ((self.next() >> 11) * 2.0**-53)

    def below(self, bound):
        return self.next() % bound


def get_params(random, width, height, scale, ratio):
    # torchvision.transforms.RandomResizedCrop.get_params
    area = height * width
    log_ratio = (math.log(ratio[0]), math.log(ratio[1]))
    for _ in range(10):
        target_area = area * random.uniform(scale[0], scale[1])
        aspect_ratio = math.exp(random.uniform(log_ratio[0], log_ratio[1]))
        w = int(round(math.sqrt(target_area * aspect_ratio)))
        h = int(round(math.sqrt(target_area / aspect_ratio)))
        if 0 < w <= width and 0 < h <= height:
            i = random.below(height - h + 1)
            j = random.below(width - w + 1)
            return i, j, h, w
    in_ratio = float(width) / float(height)
    if in_ratio < min(ratio):
        w = width
        h = int(round(w / min(ratio)))
    elif in_ratio > max(ratio):
        h = height
        w = int(round(h * max(ratio)))
    else:
        w = width
        h = height
    i = (height - h) // 2
    j = (width - w) // 2
    return i, j, h, w


def view_params(case):
    state = mix((case["seed"] + GOLDEN) & MASK)
    state = mix(state ^ case["key"])
    state = mix(state ^ case["view"])
    random = SplitMix64(state)
    s = case["settings"]
    top, left, height, width = get_params(random, case["width"], case["height"], s["scale"], s["ratio"])
    flip = (random.next() >> 63) != 0
    factors = [random.uniform(1 - s[k], 1 + s[k]) for k in ("brightness", "contrast", "saturation")]
    return {"top": top, "left": left, "height": height, "width": width, "flip": flip,
            "brightness": factors[0], "contrast": factors[1], "saturation": factors[2]}


def render(image_path, views_path, rendered_path):
    import torch
    from PIL import Image
    from torchvision.transforms import InterpolationMode
    from torchvision.transforms import functional as F

    views = json.load(open(views_path))
    rendered = torch.load(rendered_path)
    image = Image.open(image_path).convert("RGB")
    pixels = F.pil_to_tensor(image)
    out = []
    for v in views["views"]:
        size = [views["crop"], views["crop"]]
        box = (v["top"], v["left"], v["height"], v["width"])
        x = F.resized_crop(image, *box, size, InterpolationMode.BILINEAR, antialias=True)
        # The same crop on the uint8 tensor: torchvision's other path, for the record.
        t = F.resized_crop(pixels, *box, size, InterpolationMode.BILINEAR, antialias=True)
        if v["flip"]:
            x = F.hflip(x)
            t = F.hflip(t)
        x = F.adjust_brightness(x, v["brightness"])
        x = F.adjust_contrast(x, v["contrast"])
        x = F.adjust_saturation(x, v["saturation"])
        x = F.normalize(F.to_tensor(x), views["mean"], views["std"])
        ours = rendered[v["name"]]
        entry = {"name": v["name"], "max_abs": float((ours - x).abs().max())}
        if v["brightness"] == 1 and v["contrast"] == 1 and v["saturation"] == 1:
            t = F.normalize(t.float() / 255, views["mean"], views["std"])
            entry["tensor_path_max_abs"] = float((ours - t).abs().max())
        out.append(entry)
    print(json.dumps(out))


if __name__ == "__main__":
    if sys.argv[1] == "params":
        print(json.dumps([view_params(c) for c in json.load(open(sys.argv[2]))]))
    else:
        render(sys.argv[2], sys.argv[3], sys.argv[4])
