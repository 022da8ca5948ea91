#pragma once
// A training run as the window keeps it: what was asked, what it was trained on, its curves as
// they came, and its result when it finished. Runs live in a Project and survive restarts.

#include <QDateTime>
#include <QString>
#include <QVector>
#include <optional>

#include "headstart/training.h"

namespace headstart::ui {

enum class RunState { Running, Done, Cancelled, Failed };

struct RunCurves {
  int stepsPerEpoch = 0;
  QVector<double> steps, batchLoss, runningMean;  // one point per batch; steps count from 1
  QVector<EpochResult> epochs;
};

struct Run {
  QString id;  // "run-7": its folder in the project; numbers are never reused
  int number = 0;
  // The user's name for it; empty until renamed, and then shown as "Run 7" in the window's
  // language (a stored "Run 7" would stay English in a Russian window).
  QString name;
  QDateTime started;
  RunState state = RunState::Running;
  QString note;  // why it stopped, for cancelled and failed runs
  TrainOptions options;
  DatasetSummary dataset;
  RunCurves curves;
  std::optional<TrainResult> result;  // Done runs
  bool shown = true;                  // drawn in the plot

  // The name to show: the user's, or "Run N" in the current language.
  QString displayName() const;
  // Last-stage runs train the head alone first: their epochs are numbered after those.
  int warmUpEpochs() const { return options.trainLastStage ? options.headWarmupEpochs : 0; }
  int plannedEpochs() const { return warmUpEpochs() + options.epochs; }
  int lastEpoch() const { return curves.epochs.isEmpty() ? 0 : curves.epochs.back().epoch; }
};

}  // namespace headstart::ui
