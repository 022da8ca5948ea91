#include "model/calibration.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "headstart/error.h"

namespace headstart::model {
namespace {

constexpr int kJsonVersion = 1;

nlohmann::json toJson(const QuantParams& q) { return {q.scale, q.zeroPoint}; }

QuantParams paramsFromJson(const nlohmann::json& j) {
  if (!j.is_array() || j.size() != 2 || !j[0].is_number() || !j[1].is_number_integer())
    throw std::invalid_argument("a scale and a zero point expected");
  QuantParams q{j[0].get<float>(), j[1].get<int32_t>()};
  if (!(q.scale > 0) || !std::isfinite(q.scale) || q.zeroPoint < 0 || q.zeroPoint > 255)
    throw std::invalid_argument("scale or zero point out of range");
  return q;
}

}  // namespace

QuantParams quantParamsFor(float min, float max) {
  const float low = std::min(min, 0.f), high = std::max(max, 0.f);
  const float scale = std::max((high - low) / 255.f, std::numeric_limits<float>::epsilon());
  const float zero = -std::nearbyint(low / scale);
  return {scale, static_cast<int32_t>(std::clamp(zero, 0.f, 255.f))};
}

RangeObserver::RangeObserver(const FoldedResNet& net) {
  torch::NoGradGuard noGrad;
  const auto conv = [](const ConvWeights& w) {
    return Conv{(w.weight.to(torch::kFloat) * w.scale.to(torch::kFloat).view({-1, 1, 1, 1})),
                w.bias.to(torch::kFloat), w.stride, w.padding};
  };
  m_stem = conv(net.stem);
  size_t points = 2;
  for (const auto& b : net.blocks) {
    Block block;
    for (const auto& c : b.convs) block.convs.push_back(conv(c));
    if (b.downsample) block.downsample = conv(*b.downsample);
    points += b.convs.size() + (b.downsample ? 1 : 0) + 1;
    m_blocks.push_back(std::move(block));
  }
  m_ranges.assign(
      points, {std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity()});
}

void RangeObserver::record(size_t point, const torch::Tensor& t) {
  auto& [low, high] = m_ranges[point];
  low = std::min(low, t.min().item<float>());
  high = std::max(high, t.max().item<float>());
}

void RangeObserver::observe(const torch::Tensor& batch) {
  torch::InferenceMode inference;
  const auto run = [](const Conv& c, const torch::Tensor& x) {
    return torch::conv2d(x, c.weight, c.bias, c.stride, c.padding);
  };
  size_t point = 0;
  auto x = batch.to(torch::kFloat).contiguous();
  record(point++, x);
  x = torch::relu(run(m_stem, x));
  record(point++, x);
  x = torch::max_pool2d(x, 3, 2, 1);
  for (const auto& b : m_blocks) {
    auto cur = x;
    for (size_t i = 0; i < b.convs.size(); ++i) {
      cur = run(b.convs[i], cur);
      if (i + 1 < b.convs.size()) cur = torch::relu(cur);
      record(point++, cur);
    }
    auto shortcut = x;
    if (b.downsample) {
      shortcut = run(*b.downsample, x);
      record(point++, shortcut);
    }
    x = torch::relu(cur + shortcut);
    record(point++, x);
  }
  m_images += static_cast<size_t>(batch.size(0));
}

Int8Quant RangeObserver::quantisation() const {
  TORCH_CHECK(m_images > 0, "calibration saw no image");
  size_t point = 0;
  const auto next = [&] {
    const auto& [low, high] = m_ranges[point++];
    return quantParamsFor(low, high);
  };
  Int8Quant q;
  q.input = next();
  q.stem = next();
  for (const auto& b : m_blocks) {
    BlockQuant block;
    for (size_t i = 0; i < b.convs.size(); ++i) block.convs.push_back(next());
    if (b.downsample) block.downsample = next();
    block.output = next();
    q.blocks.push_back(std::move(block));
  }
  return q;
}

std::string quantToJson(const Int8Quant& quant) {
  nlohmann::json blocks = nlohmann::json::array();
  for (const auto& b : quant.blocks) {
    nlohmann::json convs = nlohmann::json::array();
    for (const auto& c : b.convs) convs.push_back(toJson(c));
    blocks.push_back({{"convs", convs},
                      {"downsample", b.downsample ? toJson(*b.downsample) : nullptr},
                      {"output", toJson(b.output)}});
  }
  return nlohmann::json{{"version", kJsonVersion},
                        {"observer", kObserverName},
                        {"input", toJson(quant.input)},
                        {"stem", toJson(quant.stem)},
                        {"blocks", blocks}}
      .dump(1);
}

Int8Quant quantFromJson(const std::string& text, const std::string& what) {
  try {
    const auto j = nlohmann::json::parse(text);
    if (j.value("version", 0) != kJsonVersion || j.value("observer", "") != kObserverName)
      throw std::invalid_argument("another version or observer");
    Int8Quant q;
    q.input = paramsFromJson(j.at("input"));
    q.stem = paramsFromJson(j.at("stem"));
    for (const auto& b : j.at("blocks")) {
      BlockQuant block;
      for (const auto& c : b.at("convs")) block.convs.push_back(paramsFromJson(c));
      if (!b.at("downsample").is_null()) block.downsample = paramsFromJson(b.at("downsample"));
      block.output = paramsFromJson(b.at("output"));
      q.blocks.push_back(std::move(block));
    }
    return q;
  } catch (const std::exception& e) {
    throw Error(what + ": not a usable int8 calibration (" + e.what() + ")");
  }
}

}  // namespace headstart::model
