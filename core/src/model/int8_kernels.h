#pragma once
// The int8 network's element-wise steps that oneDNN does not run as PyTorch computes them:
// quantising the input, the residual addition with its ReLU, and dequantising the output.
// Each rounds exactly as PyTorch's quantised kernels do (multiplication by the reciprocal
// scale, fused multiply-add when dequantising, round half to even), so results match bit for
// bit. Processors with AVX2 and FMA get a vectorised build of the same loops.

#include <cstdint>

namespace headstart::model::kernels {

struct Affine {
  float scale;
  int32_t zeroPoint;
};

// One NCHW float image plane (`pixels` values) into every third byte of channels-last uint8.
void quantisePlane(const float* src, uint8_t* dst, int64_t pixels, Affine q);
// z = quantise(relu(dequantise(x) + dequantise(y))), n values; z may be x.
void addRelu(const uint8_t* x, const uint8_t* y, uint8_t* z, int64_t n, Affine qx, Affine qy,
             Affine qz);
void dequantise(const uint8_t* src, float* dst, int64_t n, Affine q);

}  // namespace headstart::model::kernels
