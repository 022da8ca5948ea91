"""PyTorch's own int8 ResNet, given HeadStart's scales: the reference for test_int8.

Usage: int8_reference.py ARCH CHECKPOINT CALIBRATION.json INPUT.pt OUTPUT.pt

Builds torchvision's ResNet from CHECKPOINT, quantises it statically with FX and the oneDNN
quantised engine (default oneDNN qconfig: per-channel symmetric int8 weights, uint8 per-tensor
activations), then replaces every activation's scale and zero point with the ones HeadStart
calibrated (CALIBRATION.json, in the order the network runs), runs INPUT.pt's "input" batch and
saves the dequantised output of the last stage, channels-last, as OUTPUT.pt's "output".
"""
import json
import re
import sys

import torch
import torchvision
from torch.ao.quantization import get_default_qconfig_mapping
from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx


def quantised_backbone(arch, checkpoint, example):
    torch.backends.quantized.engine = "onednn"
    model = getattr(torchvision.models, arch)()
    model.load_state_dict(torch.load(checkpoint))
    model.eval()
    model.avgpool = torch.nn.Identity()  # the last stage's maps, as HeadStart's engine returns
    model.fc = torch.nn.Identity()
    prepared = prepare_fx(model, get_default_qconfig_mapping("onednn"), (example,))
    prepared(example)  # observers need one batch; every scale is replaced below
    return convert_fx(prepared)


def set_attribute(module, name, value):
    current = getattr(module, name)
    if torch.is_tensor(current):
        value = torch.tensor(value, dtype=current.dtype)
    setattr(module, name, value)


def apply_scales(net, calibration):
    """HeadStart's points: input, stem, then per block its convolutions, downsample, output."""
    adds = [n for n in net.graph.nodes if n.op == "call_function" and "add_relu" in str(n.target)]
    quantise = next(
        n for n in net.graph.nodes if n.op == "call_function" and "quantize_per_tensor" in str(n.target)
    )
    scale, zero = calibration["input"]
    set_attribute(net, quantise.args[1].target, scale)
    set_attribute(net, quantise.args[2].target, zero)
    net.conv1.scale, net.conv1.zero_point = calibration["stem"]
    modules = dict(net.named_modules())
    names = [n for n in modules if re.fullmatch(r"layer\d\.\d+", n)]  # in the order they run
    assert len(names) == len(calibration["blocks"]) == len(adds)
    for name, block, add in zip(names, calibration["blocks"], adds):
        for i, (scale, zero) in enumerate(block["convs"]):
            conv = modules[f"{name}.conv{i + 1}"]
            conv.scale, conv.zero_point = scale, zero
        if block["downsample"] is not None:
            conv = modules[f"{name}.downsample.0"]
            conv.scale, conv.zero_point = block["downsample"]
        scale, zero = block["output"]
        set_attribute(net, add.args[2].target, scale)
        set_attribute(net, add.args[3].target, zero)


def main():
    arch, checkpoint, calibration_path, input_path, output_path = sys.argv[1:6]
    x = torch.load(input_path)["input"]
    net = quantised_backbone(arch, checkpoint, x)
    with open(calibration_path) as f:
        apply_scales(net, json.load(f))
    with torch.no_grad():
        y = net(x)
    channels = 512 if arch in ("resnet18", "resnet34") else 2048
    # [N, C * H * W] after the flatten: back to [N, C, H * W]
    torch.save({"output": y.view(x.shape[0], channels, -1).contiguous()}, output_path)
    print("saved", output_path)


if __name__ == "__main__":
    main()
