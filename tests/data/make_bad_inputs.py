#!/usr/bin/python3
"""Writes tests/data/bad/: the inputs a user's messy folders and downloads contain, each small,
each made here rather than edited by hand. test_bad_inputs asserts the clear error or skip
that HeadStart gives for every one, in the engine and in headstart-cli.

Run with Debian's python3 (python3-torch, python3-pil):
    /usr/bin/python3 tests/data/make_bad_inputs.py
The symlink loop and the unreadable file cannot live in git; the test makes them itself.
"""
import collections
import io
import json
import os
import pickle
import shutil
import struct
import zlib

import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "bad")


def picture(width=64, height=48):
    """A deterministic colour picture (gradients and a disc), so JPEGs compress the same."""
    img = Image.new("RGB", (width, height))
    px = img.load()
    for y in range(height):
        for x in range(width):
            inside = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (height / 3) ** 2
            px[x, y] = (x * 255 // width, y * 255 // height, 220 if inside else 40)
    return img


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width, height):
    """A PNG whose header claims width x height 8-bit RGB but whose data is a few bytes: the
    decoder must refuse it from the header, before allocating width*height*3 bytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(b"\x00" * 1024)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", data)
            + png_chunk(b"IEND", b""))


def write(relative, data):
    path = os.path.join(OUT, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def encoded(img, fmt, **options):
    buffer = io.BytesIO()
    img.save(buffer, fmt, **options)
    return buffer.getvalue()


def jpeg_claiming(jpeg, width, height):
    """`jpeg` with its frame header claiming width x height."""
    frame = jpeg.index(b"\xff\xc0")
    return jpeg[: frame + 5] + struct.pack(">HH", height, width) + jpeg[frame + 9 :]


def with_stuffed_stray_bytes(jpeg):
    """`jpeg` with stray bytes before its tables that hold a stuffed 0xFF00: libjpeg skips them,
    a header reader that takes 0xFF00 for a marker with a length jumps past the frame header."""
    tables = jpeg.index(b"\xff\xdb")
    return jpeg[:tables] + b"\x12\x34\xff\x00\x7f\xff" + jpeg[tables:]


def write_images():
    jpeg = encoded(picture(), "JPEG", quality=90)
    png = encoded(picture(), "PNG")
    write("images/empty.jpg", b"")
    write("images/truncated.jpg", jpeg[: len(jpeg) // 2])
    write("images/truncated.png", png[: len(png) // 2])
    write("images/text.jpg", b"This is a text file with a picture's name.\n")
    write("images/bomb.png", bomb_png(50000, 50000))
    # Just under OpenCV's own limit (2^30 pixels): OpenCV would allocate 3 GiB for either.
    write("images/bomb.jpg", jpeg_claiming(jpeg, 65344, 16432))
    write("images/stuffed_bomb.jpg", with_stuffed_stray_bytes(jpeg_claiming(jpeg, 65344, 16432)))
    # 600 times longer than high: resized to 256 rows it would be 153600 columns wide.
    write("images/strip.png", encoded(picture(6000, 10), "PNG"))
    # Valid, if unusual: each must decode as PIL decodes it (or, for 16-bit, as documented).
    gray16 = Image.new("I;16", (40, 30))
    gray16.putdata([(x * 1500 + y * 300) % 65536 for y in range(30) for x in range(40)])
    write("images/gray16.png", encoded(gray16, "PNG"))
    write("images/palette.png", encoded(picture().convert("P", palette=Image.ADAPTIVE), "PNG"))
    write("images/cmyk.jpg", encoded(picture().convert("CMYK"), "JPEG", quality=90))
    exif = Image.Exif()
    exif[0x0112] = 6  # display rotated 90 degrees clockwise
    write("images/exif_rotated.jpg", encoded(picture(), "JPEG", quality=90, exif=exif.tobytes()))
    write("images/фото собаки 1.jpg", jpeg)


def write_formats():
    """format.json variants; the test puts each in train/ and test/ of a dataset folder."""
    cases = {
        "invalid_json.json": b'{"cat": 0, "dog": 1',
        "not_object.json": b'["cat", "dog"]',
        "empty_object.json": b"{}",
        "negative.json": b'{"cat": -1, "dog": 0}',
        "duplicate.json": b'{"cat": 0, "dog": 0}',
        "non_integer.json": b'{"cat": 0, "dog": 1.5}',
        "string_index.json": b'{"cat": 0, "dog": "1"}',
        "out_of_range.json": b'{"cat": 0, "dog": 7}',
        "root_as_class.json": b'{"cat": 0, "/": 1}',
        "parent_as_class.json": b'{"cat": 0, "../dog": 1}',
    }
    for name, data in cases.items():
        write("format/" + name, data)


def saved(obj, **options):
    buffer = io.BytesIO()
    torch.save(obj, buffer, **options)
    return buffer.getvalue()


class RunsAShellCommand:
    """Unpickling this with Python's pickle would run the command; HeadStart must refuse it."""

    def __reduce__(self):
        return (os.system, ("touch headstart-pwned",))


def storage_claiming(numel):
    """A torch.save archive whose one tensor claims `numel` float elements of an empty record:
    element count times element size wraps around to 0 in 64 bits when numel is 2**62."""

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj):
            if obj is STORAGE:
                return ("storage", torch.FloatStorage, "0", "cpu", numel)
            return None

    STORAGE = object()
    program = io.BytesIO()
    rebuild = torch._utils._rebuild_tensor_v2
    state = collections.OrderedDict()
    state["weight"] = _Reduce(rebuild, (STORAGE, 0, (2, 2), (2, 1), False, collections.OrderedDict()))
    Pickler(program, protocol=2).dump(state)
    archive = io.BytesIO()
    writer = torch._C.PyTorchFileWriter(archive)
    writer.write_record("data.pkl", program.getvalue(), len(program.getvalue()))
    writer.write_record("data/0", b"", 0)
    writer.write_record("version", b"3\n", 2)
    writer.write_end_of_file()
    return archive.getvalue()


def declaring_huge_record(archive):
    """`archive` with its first central-directory entry claiming a 4 GiB record: libtorch's
    reader would allocate that much before finding out."""
    data = bytearray(archive)
    entry = data.index(b"PK\x01\x02")
    data[entry + 24:entry + 28] = (0xFFFFFFFE).to_bytes(4, "little")
    return bytes(data)


class _Reduce:
    """Pickles as a call of `function` with `args`, as torch.save pickles a tensor."""

    def __init__(self, function, args):
        self.function, self.args = function, args

    def __reduce__(self):
        return (self.function, self.args)


def write_checkpoints():
    torch.manual_seed(0)
    head = collections.OrderedDict(weight=torch.randn(2, 512), bias=torch.randn(2))
    good = saved(head)
    write("checkpoints/truncated.pth", good[: len(good) // 2])
    write("checkpoints/not_zip.pth", b"<html>404 Not Found</html>\n")
    write("checkpoints/legacy.pth", saved(head, _use_new_zipfile_serialization=False))
    write("checkpoints/huge_element_count.pth", storage_claiming(2 ** 62))
    write("checkpoints/declares_4gb_record.pth", declaring_huge_record(good))
    write("checkpoints/os_system.pth", saved({"conv1.weight": RunsAShellCommand()}))
    # A ResNet's first layer with the wrong kernel: refused naming the key and both shapes.
    write("checkpoints/wrong_shape.pth",
          saved(collections.OrderedDict({"conv1.weight": torch.zeros(64, 3, 3, 3),
                                         "fc.weight": torch.zeros(2, 512),
                                         "fc.bias": torch.zeros(2)})))
    # A trained head for resnet18 (512 features) whose weight has the wrong width, with the
    # manifest that names its two classes.
    write("heads/wrong_shape.pt",
          saved(collections.OrderedDict(weight=torch.zeros(2, 100), bias=torch.zeros(2))))
    write("heads/wrong_shape.json",
          json.dumps({"format": 1, "classes": ["cat", "dog"], "arch": "resnet18",
                      "feature_dim": 512}, indent=2).encode() + b"\n")
    write("heads/truncated.pt", good[: len(good) // 3])
    write("heads/truncated.json",
          json.dumps({"format": 1, "classes": ["cat", "dog"], "arch": "resnet18",
                      "feature_dim": 512}, indent=2).encode() + b"\n")


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    write_images()
    write_formats()
    write_checkpoints()
    print("wrote", sum(len(files) for _, _, files in os.walk(OUT)), "files under", OUT)


if __name__ == "__main__":
    main()
