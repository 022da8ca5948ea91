#include "model/int8_kernels.h"

#include <immintrin.h>

#include <algorithm>
#include <cmath>

namespace headstart::model::kernels {
namespace {

// Round half to even for |v| < 2^22, without a library call: adding 1.5 * 2^23 leaves no
// fraction bits, so the addition itself rounds in the default mode, as nearbyint does.
// Larger values are clamped first; they saturate to 0 or 255 either way.
[[gnu::always_inline]] inline float roundEven(float v) {
  constexpr float kMagic = 12582912.f;
  v = std::clamp(v, -4194304.f, 4194304.f);
  return (v + kMagic) - kMagic;
}

[[gnu::always_inline]] inline uint8_t toByte(float scaled, float zeroPoint) {
  return static_cast<uint8_t>(std::clamp(roundEven(scaled) + zeroPoint, 0.f, 255.f));
}

[[gnu::always_inline]] inline void quantisePlaneBody(const float* src, uint8_t* dst, int64_t pixels,
                                                     Affine q) {
  const float inverse = 1.f / q.scale, zero = float(q.zeroPoint);
  for (int64_t p = 0; p < pixels; ++p) dst[p * 3] = toByte(src[p] * inverse, zero);
}

[[gnu::always_inline]] inline void addReluBody(const uint8_t* x, const uint8_t* y, uint8_t* z,
                                               int64_t n, Affine qx, Affine qy, Affine qz) {
  // Dequantised as PyTorch's vectorised kernel does: scale * q + (-scale * zero point).
  const float offsetX = qx.scale * -float(qx.zeroPoint);
  const float offsetY = qy.scale * -float(qy.zeroPoint);
  const float inverse = 1.f / qz.scale, zero = float(qz.zeroPoint);
  for (int64_t i = 0; i < n; ++i) {
    const float sum =
        std::fma(qx.scale, float(x[i]), offsetX) + std::fma(qy.scale, float(y[i]), offsetY);
    z[i] = toByte(std::max(sum, 0.f) * inverse, zero);
  }
}

[[gnu::target("avx2,fma")]] void quantisePlaneAvx2(const float* src, uint8_t* dst, int64_t pixels,
                                                   Affine q) {
  quantisePlaneBody(src, dst, pixels, q);
}

// Eight values at a time, the same operations as the scalar loop (and as PyTorch's AVX2
// kernel): fused multiply-add, ReLU, multiply by the reciprocal, round half to even.
[[gnu::target("avx2,fma")]] void addReluAvx2(const uint8_t* x, const uint8_t* y, uint8_t* z,
                                             int64_t n, Affine qx, Affine qy, Affine qz) {
  const __m256 scaleX = _mm256_set1_ps(qx.scale),
               offsetX = _mm256_set1_ps(qx.scale * -float(qx.zeroPoint));
  const __m256 scaleY = _mm256_set1_ps(qy.scale),
               offsetY = _mm256_set1_ps(qy.scale * -float(qy.zeroPoint));
  const __m256 inverse = _mm256_set1_ps(1.f / qz.scale), zero = _mm256_set1_ps(float(qz.zeroPoint));
  const __m256 low = _mm256_setzero_ps(), high = _mm256_set1_ps(255.f);
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 a = _mm256_cvtepi32_ps(
        _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(x + i))));
    const __m256 b = _mm256_cvtepi32_ps(
        _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(y + i))));
    const __m256 sum =
        _mm256_add_ps(_mm256_fmadd_ps(scaleX, a, offsetX), _mm256_fmadd_ps(scaleY, b, offsetY));
    const __m256 scaled = _mm256_mul_ps(_mm256_max_ps(sum, low), inverse);
    const __m256 rounded = _mm256_round_ps(scaled, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    const __m256i q =
        _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(_mm256_add_ps(rounded, zero), low), high));
    const __m128i words =
        _mm_packus_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(z + i), _mm_packus_epi16(words, words));
  }
  addReluBody(x + i, y + i, z + i, n - i, qx, qy, qz);
}

bool haveAvx2() {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
}

}  // namespace

void quantisePlane(const float* src, uint8_t* dst, int64_t pixels, Affine q) {
  if (haveAvx2()) return quantisePlaneAvx2(src, dst, pixels, q);
  quantisePlaneBody(src, dst, pixels, q);
}

void addRelu(const uint8_t* x, const uint8_t* y, uint8_t* z, int64_t n, Affine qx, Affine qy,
             Affine qz) {
  if (haveAvx2()) return addReluAvx2(x, y, z, n, qx, qy, qz);
  addReluBody(x, y, z, n, qx, qy, qz);
}

void dequantise(const uint8_t* src, float* dst, int64_t n, Affine q) {
  for (int64_t i = 0; i < n; ++i) dst[i] = float(int32_t(src[i]) - q.zeroPoint) * q.scale;
}

}  // namespace headstart::model::kernels
