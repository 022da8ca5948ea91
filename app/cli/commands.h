#pragma once

#include <QStringList>

namespace cli {

// Exit codes shared by every subcommand.
enum ExitCode { kOk = 0, kSomeInputsFailed = 1, kUsageOrSetupError = 2, kInterrupted = 130 };

int runPredict(const QStringList& arguments);
int runTrain(const QStringList& arguments);
int runEvaluate(const QStringList& arguments);
int runBench(const QStringList& arguments);
int runExport(const QStringList& arguments);
int runSort(const QStringList& arguments);
int runDoctor(const QStringList& arguments);
int runLrFind(const QStringList& arguments);

}  // namespace cli
