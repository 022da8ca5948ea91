#pragma once
// How the backbone computes: exact (32-bit floats, the same numbers as torchvision) or fast
// (bfloat16 weights and activations, on processors that compute in bfloat16 natively). Plain
// types only, for the command line and the window alike.

#include <optional>
#include <string>
#include <vector>

namespace headstart {

enum class Precision {
  Exact,  // fp32: logits within 1e-4 of torchvision's
  Fast,   // bf16: about 3 significant digits per activation; top classes rarely change
  Auto,   // Fast where the processor has native bfloat16, else Exact
  // int8 ("Turbo"): weights int8 per output channel, activations uint8 per tensor, scaled by a
  // calibration on typical images; the fastest, at the cost of a little accuracy. Only when
  // asked for: Auto never chooses it.
  Int8,
};

// The precision a run actually uses, and why it differs from the request when it does.
struct PrecisionChoice {
  Precision requested = Precision::Exact;
  Precision used = Precision::Exact;  // never Auto
  std::string notice;                 // one line, set when Fast was asked for but cannot run
  // Int8 only: which images calibrated the activations' scales (e.g. "64 training images of
  // /data/dogs"), and the calibration's key in the cache, which manifests record.
  std::string calibration;
  std::string calibrationKey;
};

// True where /proc/cpuinfo lists avx512_bf16 or amx_bf16.
bool cpuHasNativeBf16();

// Resolves Auto and falls back from Fast to Exact (with a notice) without native bfloat16.
// Int8 is used as asked (oneDNN runs it on any x86-64; VNNI or AMX make it fastest).
PrecisionChoice choosePrecision(Precision requested);
PrecisionChoice choosePrecision(Precision requested, bool nativeBf16);

// "exact", "fast", "auto", "int8": what --precision takes and manifests record.
const char* precisionName(Precision precision);
std::optional<Precision> precisionFromName(const std::string& name);
std::vector<std::string> precisionNames();

// One sentence explaining the choice, for a setting's tooltip or help text.
const char* precisionExplanation();

}  // namespace headstart
