#include "folder_predict_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <set>
#include "main_window.h"

#include "headstart/folders.h"

namespace headstart::ui {
namespace {

enum Column { kPicture, kFile, kClass, kConfidence, kColumns };
constexpr int kSortRole = Qt::UserRole;       // numbers as numbers
constexpr int kLabelRole = Qt::UserRole + 1;  // the class, for the filter

}  // namespace

void FolderFilter::setClass(const QString& label) {
  m_class = label;
  invalidateFilter();
}

void FolderFilter::setMaxConfidence(double fraction) {
  m_maxConfidence = fraction;
  invalidateFilter();
}

bool FolderFilter::filterAcceptsRow(int row, const QModelIndex& parent) const {
  const auto* model = sourceModel();
  const QString label = model->index(row, kClass, parent).data(kLabelRole).toString();
  const double confidence = model->index(row, kConfidence, parent).data(kSortRole).toDouble();
  return (m_class.isEmpty() || label == m_class) && confidence <= m_maxConfidence + 1e-9;
}

SortDialog::SortDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Sort into folders"));
  auto* form = new QFormLayout(this);
  auto* explain = new QLabel(
      tr("Copies each image into a folder named after its class, and those below the confidence "
         "into _uncertain. The images themselves are never moved, changed or overwritten."));
  explain->setWordWrap(true);
  form->addRow(explain);
  m_folder = new QLineEdit;
  auto* browse = new QPushButton(tr("Choose…"));
  browse->setAccessibleName(tr("Choose the folder to sort into"));
  auto* row = new QHBoxLayout;
  row->addWidget(m_folder, 1);
  row->addWidget(browse);
  auto* folderLabel = new QLabel(tr("Sort &into"));
  folderLabel->setBuddy(m_folder);
  form->addRow(folderLabel, row);
  m_confidence = new QDoubleSpinBox;
  m_confidence->setRange(0, 100);
  m_confidence->setDecimals(1);
  m_confidence->setSuffix(QStringLiteral(" %"));
  m_confidence->setValue(80);
  auto* confidenceLabel = new QLabel(tr("&Minimum confidence"));
  confidenceLabel->setBuddy(m_confidence);
  form->addRow(confidenceLabel, m_confidence);
  m_link = new QCheckBox(tr("&Hard links instead of copies (same disk, no extra space)"));
  form->addRow(m_link);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Sort"));
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(browse, &QPushButton::clicked, this, [this] {
    const auto dir = QFileDialog::getExistingDirectory(this, tr("Sort into"), m_folder->text());
    if (!dir.isEmpty()) m_folder->setText(dir);
  });
  const auto update = [this, buttons] {
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_folder->text().trimmed().isEmpty());
  };
  connect(m_folder, &QLineEdit::textChanged, this, update);
  update();
}

QString SortDialog::folder() const { return m_folder->text().trimmed(); }
double SortDialog::minConfidence() const { return m_confidence->value() / 100.0; }
bool SortDialog::link() const { return m_link->isChecked(); }

FolderPredictDialog::FolderPredictDialog(EngineWorker* worker,
                                         const headstart::ClassifierOptions& options,
                                         QWidget* parent)
    : QDialog(parent), m_worker(worker), m_options(options) {
  setWindowTitle(tr("Predict a folder"));
  resize(760, 560);
  auto* layout = new QVBoxLayout(this);
  auto* progressRow = new QHBoxLayout;
  m_progress = new QProgressBar;
  m_progress->setAccessibleName(tr("Progress"));
  progressRow->addWidget(m_progress, 1);
  m_rate = new QLabel;
  m_rate->setObjectName(QStringLiteral("rate"));
  progressRow->addWidget(m_rate);
  m_cancel = new QPushButton(tr("Cancel"));
  progressRow->addWidget(m_cancel);
  layout->addLayout(progressRow);

  auto* filters = new QHBoxLayout;
  m_classes = new QComboBox;
  m_classes->addItem(tr("All classes"), QString());
  auto* classLabel = new QLabel(tr("&Class"));
  classLabel->setBuddy(m_classes);
  filters->addWidget(classLabel);
  filters->addWidget(m_classes, 1);
  m_maxConfidence = new QDoubleSpinBox;
  m_maxConfidence->setRange(0, 100);
  m_maxConfidence->setDecimals(1);
  m_maxConfidence->setSuffix(QStringLiteral(" %"));
  m_maxConfidence->setValue(100);
  auto* confidenceLabel = new QLabel(tr("Confidence &at most"));
  confidenceLabel->setBuddy(m_maxConfidence);
  filters->addWidget(confidenceLabel);
  filters->addWidget(m_maxConfidence);
  layout->addLayout(filters);

  m_model = new QStandardItemModel(0, kColumns, this);
  m_model->setHorizontalHeaderLabels({QString(), tr("File"), tr("Class"), tr("Confidence")});
  m_filter = new FolderFilter(this);
  m_filter->setSourceModel(m_model);
  m_filter->setSortRole(kSortRole);
  m_table = new QTableView;
  m_table->setAccessibleName(tr("Predictions"));
  m_table->setModel(m_filter);
  m_table->setSortingEnabled(true);
  m_table->sortByColumn(kConfidence, Qt::AscendingOrder);  // least confident first
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->verticalHeader()->hide();
  m_table->verticalHeader()->setDefaultSectionSize(68);
  m_table->setIconSize(QSize(64, 64));
  m_table->horizontalHeader()->setSectionResizeMode(kFile, QHeaderView::Stretch);
  layout->addWidget(m_table, 1);

  m_status = new QLabel;
  m_status->setWordWrap(true);
  layout->addWidget(m_status);
  auto* buttons = new QHBoxLayout;
  m_save = new QPushButton(tr("Save as CSV…"));
  m_sort = new QPushButton(tr("Sort into folders…"));
  auto* close = new QPushButton(tr("Close"));
  buttons->addWidget(m_save);
  buttons->addWidget(m_sort);
  buttons->addStretch();
  buttons->addWidget(close);
  layout->addLayout(buttons);

  connect(m_classes, &QComboBox::currentIndexChanged, this,
          [this] { m_filter->setClass(m_classes->currentData().toString()); });
  connect(m_maxConfidence, &QDoubleSpinBox::valueChanged, this,
          [this](double percent) { m_filter->setMaxConfidence(percent / 100.0); });
  connect(m_cancel, &QPushButton::clicked, this, [this] { m_worker->cancel(); });
  connect(m_save, &QPushButton::clicked, this, &FolderPredictDialog::askSaveCsv);
  connect(m_sort, &QPushButton::clicked, this, &FolderPredictDialog::askSort);
  connect(close, &QPushButton::clicked, this, &QDialog::reject);
  connect(m_worker, &EngineWorker::folderPredicted, this, &FolderPredictDialog::addCards);
  connect(m_worker, &EngineWorker::folderProgress, this, &FolderPredictDialog::showProgress);
  connect(m_worker, &EngineWorker::folderFinished, this, &FolderPredictDialog::finishPrediction);
  connect(m_worker, &EngineWorker::sortedIntoFolders, this, &FolderPredictDialog::finishSort);
  connect(m_worker, &EngineWorker::failed, this, &FolderPredictDialog::showFailure);
  connect(m_worker, &EngineWorker::calibrating, this, [this](int images) {
    if (m_running) m_status->setText(tr("Calibrating turbo on %n image(s)…", nullptr, images));
  });
  setRunning(false);
}

void FolderPredictDialog::setRunning(bool running) {
  m_running = running;
  m_cancel->setEnabled(running);
  m_save->setEnabled(!running && !m_cards.isEmpty());
  m_sort->setEnabled(!running && !m_cards.isEmpty());
}

void FolderPredictDialog::start(const QString& folder) {
  m_cards.clear();
  m_model->removeRows(0, m_model->rowCount());
  m_status->setText(tr("Looking for images in %1…").arg(QDir::toNativeSeparators(folder)));
  setRunning(true);
  m_worker->armJob();
  QMetaObject::invokeMethod(m_worker, "predictFolder", Qt::QueuedConnection,
                            Q_ARG(QStringList, QStringList{folder}),
                            Q_ARG(headstart::ClassifierOptions, m_options));
}

void FolderPredictDialog::addCards(const QVector<PredictionCard>& cards) {
  const QLocale locale;
  std::set<QString> known;
  for (int i = 1; i < m_classes->count(); ++i) known.insert(m_classes->itemData(i).toString());
  m_table->setSortingEnabled(false);  // appending into a sorted view row by row is slow
  for (auto card : cards) {
    QList<QStandardItem*> row;
    auto* picture = new QStandardItem;
    picture->setData(QPixmap::fromImage(card.thumbnail), Qt::DecorationRole);
    card.thumbnail = QImage();
    auto* file = new QStandardItem(QFileInfo(card.path).fileName());
    file->setToolTip(card.path);
    file->setData(QFileInfo(card.path).fileName(), kSortRole);
    const bool ok = card.error.isEmpty() && !card.labels.isEmpty();
    auto* label = new QStandardItem(ok ? card.labels[0] : tr("not readable"));
    label->setData(ok ? card.labels[0] : QString(), kLabelRole);
    label->setData(ok ? card.labels[0] : QString(), kSortRole);
    if (!ok) label->setToolTip(card.error);
    const double confidence = ok ? double(card.probabilities[0]) : 0.0;
    auto* value = new QStandardItem(
        ok ? QStringLiteral("%1 %").arg(locale.toString(100 * confidence, 'f', 1)) : QString());
    value->setData(confidence, kSortRole);
    row << picture << file << label << value;
    m_model->appendRow(row);
    if (ok && !known.count(card.labels[0])) {
      known.insert(card.labels[0]);
      m_classes->addItem(card.labels[0], card.labels[0]);
    }
    m_cards << card;
  }
  m_table->setSortingEnabled(true);
}

void FolderPredictDialog::showProgress(int done, int total, double imagesPerSecond) {
  m_progress->setRange(0, std::max(1, total));
  m_progress->setValue(done);
  m_rate->setText(tr("%1 images/s").arg(QLocale().toString(imagesPerSecond, 'f', 1)));
  m_status->setText(tr("%1 of %n image(s)", nullptr, total).arg(done));
}

void FolderPredictDialog::finishPrediction(int total, int failed, bool cancelled,
                                           const QString& precision, const QString& calibration) {
  setRunning(false);
  // The unreadable ones are counted apart: "Predicted 64 images. 2 could not be read."
  const int predicted = total - failed;
  QString text = cancelled ? tr("Cancelled after %n image(s).", nullptr, predicted)
                           : tr("Predicted %n image(s).", nullptr, predicted);
  text += QLatin1Char(' ') +
          tr("Computed in %1.").arg(MainWindow::precisionText(precision, calibration));
  if (failed) text += QLatin1Char(' ') + tr("%n could not be read.", nullptr, failed);
  m_status->setText(text);
  Q_EMIT predictionDone();
}

bool FolderPredictDialog::saveCsv(const QString& path) {
  std::vector<Prediction> predictions;
  for (const auto& card : m_cards) {
    Prediction p;
    p.image = card.path.toStdString();
    p.error = card.error.toStdString();
    for (int i = 0; i < card.labels.size(); ++i)
      p.top.push_back({0, card.labels[i].toStdString(), card.probabilities[i]});
    predictions.push_back(std::move(p));
  }
  try {
    writePredictionsCsv(path.toStdString(), predictions, 5);
    m_status->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    return true;
  } catch (const std::exception& e) {
    m_status->setText(QString::fromStdString(e.what()));
    return false;
  }
}

void FolderPredictDialog::askSaveCsv() {
  const auto path =
      QFileDialog::getSaveFileName(this, tr("Save predictions as CSV"),
                                   QStringLiteral("predictions.csv"), tr("CSV files (*.csv)"));
  if (!path.isEmpty()) saveCsv(path);
}

void FolderPredictDialog::askSort() {
  SortDialog dialog(this);
  if (dialog.exec() != QDialog::Accepted) return;
  setRunning(true);
  m_cancel->setEnabled(false);
  m_status->setText(tr("Sorting into %1…").arg(QDir::toNativeSeparators(dialog.folder())));
  m_worker->armJob();
  // The cards travel by value into the worker's thread, as queued signals carry them.
  QMetaObject::invokeMethod(
      m_worker,
      [worker = m_worker, cards = m_cards, out = dialog.folder(), minimum = dialog.minConfidence(),
       link = dialog.link()] { worker->sortIntoFolders(cards, out, minimum, link); },
      Qt::QueuedConnection);
}

void FolderPredictDialog::finishSort(int created, int present, int failed, const QString& out) {
  setRunning(false);
  m_status->setText(tr("Sorted into %1: %2 new, %3 already there, %4 failed")
                        .arg(QDir::toNativeSeparators(out))
                        .arg(created)
                        .arg(present)
                        .arg(failed));
  Q_EMIT sortDone();
}

void FolderPredictDialog::showFailure(const QString& message) {
  if (!m_running) return;
  setRunning(false);
  m_status->setText(message);
  Q_EMIT predictionDone();
}

}  // namespace headstart::ui
