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
};

// The precision a run actually uses, and why it differs from the request when it does.
struct PrecisionChoice {
  Precision requested = Precision::Exact;
  Precision used = Precision::Exact;  // never Auto
  std::string notice;                 // one line, set when Fast was asked for but cannot run
};

// True where /proc/cpuinfo lists avx512_bf16 or amx_bf16.
bool cpuHasNativeBf16();

// Resolves Auto and falls back from Fast to Exact (with a notice) without native bfloat16.
PrecisionChoice choosePrecision(Precision requested);
PrecisionChoice choosePrecision(Precision requested, bool nativeBf16);

// "exact", "fast", "auto": what --precision takes and manifests record.
const char* precisionName(Precision precision);
std::optional<Precision> precisionFromName(const std::string& name);
std::vector<std::string> precisionNames();

// One sentence explaining the choice, for a setting's tooltip or help text.
const char* precisionExplanation();

}  // namespace headstart
