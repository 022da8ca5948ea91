#!/usr/bin/env python3
"""Benchmark: the network alone, HeadStart's engine (exact, fast and int8) against ONNX Runtime
and Python/torchvision, same weights, batch, thread count and machine, in one run; then
extraction end to end (decode, preprocess, network) over a folder of JPEGs, in int8.

  /usr/bin/python3 tests/bench/bench_engine.py --cli build/app/headstart-cli

ONNX Runtime is only an anchor to compare against, never a dependency: the model is exported
with Debian's python3-torch (torch.onnx.export, opset 13, dynamic batch) and run by the npm
package onnxruntime-node, installed with --ignore-scripts into a temporary folder (its binary
ships inside the package). Every engine is timed in its own process on random 224x224 batches
after a warm-up, as the median of its runs; the rounds alternate engines so that load from
other programs falls on all of them alike. Ratios are against ONNX Runtime's fp32 time.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

ORT_RUNNER = r"""
const ort = require(process.argv[2]);
const [model, batch, threads, seconds] =
    [process.argv[3], +process.argv[4], +process.argv[5], +process.argv[6]];
(async () => {
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential',
    graphOptimizationLevel: 'all'});
  const data = new Float32Array(batch * 3 * 224 * 224).map(() => Math.random() * 2 - 1);
  const feeds = {[session.inputNames[0]]: new ort.Tensor('float32', data, [batch, 3, 224, 224])};
  for (let i = 0; i < 2; ++i) await session.run(feeds);
  const times = [];
  const start = process.hrtime.bigint();
  while (times.length < 5 || Number(process.hrtime.bigint() - start) / 1e9 < seconds) {
    const t = process.hrtime.bigint();
    await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ms_per_image: times[times.length >> 1] / batch}));
})();
"""

PYTHON_RUNNER = r"""
import json, statistics, sys, time
import torch, torchvision
weights, batch, threads, seconds, mode = sys.argv[1:6]
batch, threads, seconds = int(batch), int(threads), float(seconds)
torch.set_num_threads(threads)
model = torchvision.models.resnet50()
model.load_state_dict(torch.load(weights))
model.eval()
x = torch.randn(batch, 3, 224, 224)
if mode == "bf16":
    model = model.to(torch.bfloat16).to(memory_format=torch.channels_last)
    x = x.to(torch.bfloat16).contiguous(memory_format=torch.channels_last)
if mode == "int8":  # static post-training quantisation, FX, oneDNN's default qconfig
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    torch.backends.quantized.engine = "onednn"
    model = prepare_fx(model, get_default_qconfig_mapping("onednn"), (x,))
    with torch.inference_mode():
        model(x)
    model = convert_fx(model)
with torch.inference_mode():
    for _ in range(2):
        model(x)
    times, start = [], time.perf_counter()
    while len(times) < 5 or time.perf_counter() - start < seconds:
        t = time.perf_counter()
        model(x)
        times.append(time.perf_counter() - t)
print(json.dumps({"ms_per_image": 1000 * statistics.median(times) / batch}))
"""


def prepare_model(workdir):
    import torch
    import torchvision
    weights = os.path.join(workdir, "resnet50.pth")
    onnx = os.path.join(workdir, "resnet50.onnx")
    if not os.path.exists(weights):
        torch.manual_seed(0)
        torch.save(torchvision.models.resnet50().state_dict(), weights)
    if not os.path.exists(onnx):
        model = torchvision.models.resnet50()
        model.load_state_dict(torch.load(weights))
        model.eval()
        torch.onnx.export(model, torch.randn(1, 3, 224, 224), onnx, opset_version=13,
                          input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    return weights, onnx


def install_ort(folder):
    package = os.path.join(folder, "node_modules", "onnxruntime-node")
    if not os.path.exists(package):
        subprocess.run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund",
                        "--prefix", folder, "onnxruntime-node"], check=True,
                       stdout=subprocess.DEVNULL)
    return package


def prepare_jpegs(workdir, count):
    """COUNT photo-sized JPEGs (500x375, smooth colours and noise, quality 90)."""
    import numpy as np
    from PIL import Image
    folder = os.path.join(workdir, f"jpegs{count}")
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:375, 0:500].astype(np.float32)
    for i in range(count):
        path = os.path.join(folder, f"image{i:05d}.jpg")
        if os.path.exists(path):
            continue
        a, b, c = rng.uniform(0.005, 0.05, 3)
        base = np.stack([128 + 100 * np.sin(a * x + i), 128 + 100 * np.cos(b * y),
                         128 + 100 * np.sin(c * (x + y))], axis=-1)
        pixels = np.clip(base + rng.normal(0, 12, base.shape), 0, 255).astype(np.uint8)
        Image.fromarray(pixels).save(path, quality=90)
    return folder


def run_output(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command[:3])}...: {result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_json(command):
    return run_output(command)["ms_per_image"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--workdir", default="/tmp/headstart-bench-engine")
    parser.add_argument("--ort-dir", help="folder with onnxruntime-node installed "
                        "(default: a temporary one)")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-python", action="store_true")
    parser.add_argument("--jpegs", type=int, default=2000,
                        help="images for the end-to-end extraction (0: skip it)")
    parser.add_argument("--end-to-end", default="int8",
                        help="precisions timed end to end, comma-separated (default: int8)")
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    weights, onnx = prepare_model(args.workdir)
    ort_dir = args.ort_dir or tempfile.mkdtemp(prefix="headstart-ort-")
    package = install_ort(ort_dir)
    runner = os.path.join(args.workdir, "ort_runner.js")
    with open(runner, "w") as f:
        f.write(ORT_RUNNER)
    common = [str(args.batch), str(args.threads), str(args.seconds)]

    def cli(precision):
        return [args.cli, "bench", "--json", "--arch", "resnet50", "--weights", weights,
                "--batch-size", str(args.batch), "--threads", str(args.threads),
                "--precision", precision]

    engines = {
        "ONNX Runtime fp32": ["node", runner, package, onnx] + common,
        "HeadStart exact (fp32)": cli("exact"),
        "HeadStart fast (bf16)": cli("fast"),
        "HeadStart turbo (int8)": cli("int8"),
    }
    if not args.no_python:
        for mode, name in (("fp32", "Python torchvision eager fp32"),
                           ("bf16", "Python torchvision bf16 channels-last"),
                           ("int8", "Python torch int8 (FX, oneDNN)")):
            engines[name] = [sys.executable, "-c", PYTHON_RUNNER, weights] + common + [mode]
    samples = {name: [] for name in engines}
    for _ in range(args.rounds):
        for name, command in engines.items():
            samples[name].append(run_json(command))
    ort = statistics.median(samples["ONNX Runtime fp32"])
    print(f"ResNet50, batch {args.batch}, {args.threads} threads, network only, "
          f"median of {args.rounds} rounds; load average {os.getloadavg()[0]:.2f}")
    print("| engine | ms per image | vs ONNX Runtime fp32 |")
    print("|---|---|---|")
    for name, values in samples.items():
        ms = statistics.median(values)
        print(f"| {name} | {ms:.1f} | {ms / ort:.2f}x |")
    if args.jpegs > 0:
        end_to_end(args, weights, cli)


def end_to_end(args, weights, cli):
    """Decode, preprocess and run the network over a folder, the next batch decoding while the
    network runs the current one, as feature extraction does."""
    folder = prepare_jpegs(args.workdir, args.jpegs)
    print(f"\nExtraction end to end, {args.jpegs} JPEGs of 500x375, batch {args.batch}; "
          f"load average {os.getloadavg()[0]:.2f}")
    print("| precision | network ms per image | end to end ms per image | decoding alone ms per image |")
    print("|---|---|---|---|")
    for precision in args.end_to_end.split(","):
        r = run_output(cli(precision) + ["--seconds", "1", folder])
        e = r["end_to_end"]
        print(f"| {precision} | {r['ms_per_image']:.1f} | {e['ms_per_image']:.1f} | "
              f"{e['decode_ms_per_image']:.1f} |")


if __name__ == "__main__":
    main()
