#pragma once
// Predictions over many images, a chunk at a time: memory stays flat however many images there
// are, results go out as they come, and Ctrl+C stops between batches with what was done kept.

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "headstart/classifier.h"

namespace cli {

// Set by SIGINT once installInterruptHandler() ran; a second Ctrl+C ends the process at once.
const std::atomic_bool& interrupted();
void installInterruptHandler();

// Runs the classifier over `images` in chunks, calling `each` for every prediction in order and
// showing "done/total images, N images/s" on a terminal. Returns false when interrupted.
bool streamPredictions(const headstart::Classifier& classifier,
                       const std::vector<std::string>& images, int topK,
                       const std::function<void(const headstart::Prediction&)>& each);

}  // namespace cli
