// headstart-cli doctor: what is wrong with a dataset beyond unreadable files, for people or as
// JSON lines (one finding each, most certain first, then a summary).

#include <QCommandLineParser>
#include <QTextStream>
#include <algorithm>
#include <optional>

#include "cli/commands.h"
#include "cli/common.h"
#include "headstart/doctor.h"
#include "headstart/error.h"

namespace cli {
namespace {

using nlohmann::json;

struct DoctorArgs {
  headstart::DoctorOptions doctor;
  headstart::ScanOptions scan;
  QString data;
  bool json = false;
};

std::optional<int> parse(const QStringList& arguments, DoctorArgs& a) {
  CommandParser parser(
      "doctor", QCoreApplication::translate(
                    "cli",
                    "Finds likely wrong labels, near-duplicates (leaks across train and test among "
                    "them) and outliers in a dataset, from the backbone's features."));
  ModelOptions model;
  model.addTo(parser);
  const DatasetOptions dataset;
  const QCommandLineOption folds(
      QStringLiteral("folds"),
      QCoreApplication::translate("cli", "Cross-validation folds of the label check (5)."),
      QCoreApplication::translate("cli", "K"), QStringLiteral("5"));
  const PrecisionOption precision(QStringLiteral("auto"));
  parser.addOptions(
      {dataset.data, folds, dataset.cache, dataset.testFraction, dataset.seed, precision.option});
  if (const auto help = parser.parseOrHelp(arguments)) return help;
  a.data = dataset.folder(parser);
  a.json = parser.isSet(model.json);
  auto& d = a.doctor;
  readBackbone(parser, model, d);
  d.folds = static_cast<int>(numberOption(parser, folds, 2));
  d.cacheRoot = parser.value(dataset.cache).toStdString();
  a.scan = dataset.scan(parser);
  d.seed = a.scan.seed;
  d.precision = precision.parse(parser);
  d.map = false;  // the command line shows no map
  return std::nullopt;
}

size_t leaks(const headstart::DoctorReport& r) {
  return static_cast<size_t>(std::count_if(r.duplicates.begin(), r.duplicates.end(), [](auto& d) {
    return d.relation == headstart::DuplicateRelation::Leak;
  }));
}

void emitFindings(const headstart::DoctorReport& r, const headstart::DatasetReport& dataset) {
  const auto& names = r.classes;
  for (const auto& f : r.labels) {
    printJsonLine({{"kind", "label"},
                   {"file", f.path},
                   {"split", headstart::splitName(f.split)},
                   {"labelled", names[size_t(f.labelled)]},
                   {"suggested", names[size_t(f.suggested)]},
                   {"confidence", f.confidence},
                   {"labelled_probability", f.labelledProbability},
                   {"suggested_probability", f.suggestedProbability}});
  }
  for (const auto& f : r.duplicates) {
    printJsonLine({{"kind", "duplicate"},
                   {"a", f.a},
                   {"b", f.b},
                   {"similarity", f.similarity},
                   {"relation", headstart::relationName(f.relation)},
                   {"hash_distance", f.hashDistance},
                   {"split_a", headstart::splitName(f.splitA)},
                   {"split_b", headstart::splitName(f.splitB)}});
  }
  for (const auto& f : r.outliers) {
    printJsonLine({{"kind", "outlier"},
                   {"file", f.path},
                   {"score", f.score},
                   {"blank", f.blank},
                   {"split", headstart::splitName(f.split)},
                   {"label", names[size_t(f.label)]}});
  }
  auto skipped = dataset.skipped;
  skipped.insert(skipped.end(), r.unreadable.begin(), r.unreadable.end());
  printJsonLine({{"kind", "summary"},
                 {"root", dataset.root},
                 {"train_images", r.dataset.trainImages},
                 {"test_images", r.dataset.testImages},
                 {"labels", r.labels.size()},
                 {"duplicates", r.duplicates.size()},
                 {"leaks", leaks(r)},
                 {"outliers", r.outliers.size()},
                 {"skipped", skippedJson(skipped)},
                 {"backbone_precision", headstart::precisionName(r.precision.used)},
                 {"seconds", r.seconds}});
}

QString q(const std::string& s) { return QString::fromStdString(s); }

void printLabels(QTextStream& out, const headstart::DoctorReport& r) {
  out << QCoreApplication::translate("cli", "Likely wrong labels: %n\n", nullptr,
                                     int(r.labels.size()));
  for (const auto& f : r.labels) {
    out << QCoreApplication::translate("cli", "  %1  %2: labelled %3 (%4), looks like %5 (%6)\n")
               .arg(f.confidence, 0, 'f', 2)
               .arg(q(f.path), q(r.classes[size_t(f.labelled)]))
               .arg(f.labelledProbability, 0, 'f', 2)
               .arg(q(r.classes[size_t(f.suggested)]))
               .arg(f.suggestedProbability, 0, 'f', 2);
  }
}

void printDuplicates(QTextStream& out, const headstart::DoctorReport& r) {
  out << QCoreApplication::translate("cli", "Near-duplicates: %n", nullptr,
                                     int(r.duplicates.size()))
      << QCoreApplication::translate("cli", " (%n across train and test)\n", nullptr,
                                     int(leaks(r)));
  for (const auto& f : r.duplicates) {
    out << QStringLiteral("  %1  %2  %3  %4\n")
               .arg(f.similarity, 0, 'f', 2)
               .arg(QString::fromLatin1(headstart::relationName(f.relation)), -11)
               .arg(q(f.a), q(f.b));
  }
}

void printOutliers(QTextStream& out, const headstart::DoctorReport& r) {
  out << QCoreApplication::translate("cli", "Outliers: %n\n", nullptr, int(r.outliers.size()));
  for (const auto& f : r.outliers) {
    out << QStringLiteral("  %1  %2").arg(f.score, 0, 'f', 1).arg(q(f.path));
    if (f.blank) out << QCoreApplication::translate("cli", "  (blank or nearly uniform)");
    out << '\n';
  }
}

void printReport(const headstart::DoctorReport& r, const headstart::DatasetReport& dataset) {
  QTextStream out(stdout);
  out << QCoreApplication::translate(
             "cli", "Dataset %1: %2 training and %3 test images, %4 classes (%5 s)\n")
             .arg(q(dataset.root))
             .arg(r.dataset.trainImages)
             .arg(r.dataset.testImages)
             .arg(r.classes.size())
             .arg(r.seconds, 0, 'f', 1);
  printLabels(out, r);
  printDuplicates(out, r);
  printOutliers(out, r);
  auto skipped = dataset.skipped;
  skipped.insert(skipped.end(), r.unreadable.begin(), r.unreadable.end());
  printSkipped(out, skipped);
}

int doctor(const DoctorArgs& a) {
  const auto dataset = openDataset(a.data, a.scan, a.doctor.precision);
  if (!dataset.ok()) throw headstart::Error(dataset.root + ": " + dataset.errors.front());
  const auto report = headstart::runDoctor(dataset, a.doctor, [](const auto& p) {
    statusLine(QCoreApplication::translate("cli", "Doctor: %1 %2/%3")
                   .arg(QString::fromStdString(p.stage))
                   .arg(p.done)
                   .arg(p.total));
  });
  clearStatusLine();
  a.json ? emitFindings(report, dataset) : printReport(report, dataset);
  return kOk;
}

}  // namespace

int runDoctor(const QStringList& arguments) {
  return runCommand("doctor", arguments, parse, doctor, errorPrefix("doctor"),
                    Progress::StatusLine);
}

}  // namespace cli
