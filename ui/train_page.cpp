#include "train_page.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTextBrowser>
#include <QToolButton>
#include <cmath>

#include "loss_plot.h"

namespace headstart::ui {
namespace {

constexpr int kRecentFolders = 8;

QString reportHtml(const DatasetReport& r, const QVector<QImage>& thumbnails) {
  const int perClass = EngineWorker::kThumbnailsPerClass;
  QString html = QObject::tr("<b>%1</b> (%2): %3 classes, %4 training and %5 test images")
                     .arg(QString::fromStdString(r.root).toHtmlEscaped(),
                          QString::fromLatin1(layoutName(r.layout)))
                     .arg(r.classes.size())
                     .arg(r.train.size())
                     .arg(r.test.size());
  html += QStringLiteral("<table><tr><th align=left>%1</th><th>%2</th><th>%3</th></tr>")
              .arg(QObject::tr("class"), QObject::tr("train"), QObject::tr("test"));
  for (const auto& c : r.counts) {
    QString pictures;
    const int index = int(&c - r.counts.data());
    for (int i = 0; i < perClass; ++i) {
      const int k = index * perClass + i;
      if (k < thumbnails.size() && !thumbnails[k].isNull()) {
        pictures += QStringLiteral("<img src=\"thumb:%1\"> ").arg(k);
      }
    }
    html += QStringLiteral(
                "<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td><td>%4</td></tr>")
                .arg(QString::fromStdString(c.name).toHtmlEscaped())
                .arg(c.train)
                .arg(c.test)
                .arg(pictures);
  }
  html += QStringLiteral("</table>");
  for (const auto& e : r.errors)
    html += QStringLiteral("<p style='color:#b00020'>%1</p>")
                .arg(QString::fromStdString(e).toHtmlEscaped());
  for (const auto& w : r.warnings)
    html += QStringLiteral("<p style='color:#8a6d00'>%1</p>")
                .arg(QString::fromStdString(w).toHtmlEscaped());
  for (const auto& s : r.skipped) {
    html += QObject::tr("<p>skipped %1: %2</p>")
                .arg(QString::fromStdString(s.path).toHtmlEscaped(),
                     QString::fromStdString(s.reason).toHtmlEscaped());
  }
  return html;
}

}  // namespace

TrainPage::TrainPage(QWidget* parent) : QWidget(parent) {
  setAcceptDrops(true);
  auto* layout = new QVBoxLayout(this);
  auto* folderRow = new QHBoxLayout;
  m_folder = new QLineEdit;
  m_folder->setPlaceholderText(tr("Dataset folder (train/ and test/, or one folder per class)"));
  auto* browse = new QPushButton(tr("Choose…"));
  auto* recent = new QToolButton;
  recent->setText(tr("Recent"));
  recent->setPopupMode(QToolButton::InstantPopup);
  m_recent = new QMenu(recent);
  recent->setMenu(m_recent);
  rebuildRecentMenu();
  folderRow->addWidget(m_folder, 1);
  folderRow->addWidget(browse);
  folderRow->addWidget(recent);
  layout->addLayout(folderRow);
  connect(browse, &QPushButton::clicked, this, [this] {
    const auto dir =
        QFileDialog::getExistingDirectory(this, tr("Dataset folder"), m_folder->text());
    if (!dir.isEmpty()) setFolder(dir);
  });
  connect(m_folder, &QLineEdit::editingFinished, this,
          [this] { Q_EMIT scanRequested(m_folder->text()); });

  auto* middle = new QHBoxLayout;
  m_report = new QTextBrowser;
  middle->addWidget(m_report, 1);
  auto* form = new QFormLayout;
  QSettings settings;
  // Defaults from the course notebook.
  m_epochs = new QSpinBox;
  m_epochs->setRange(1, 1000);
  m_epochs->setValue(settings.value("train/epochs", 5).toInt());
  m_batch = new QSpinBox;
  m_batch->setRange(1, 4096);
  m_batch->setValue(settings.value("train/batchSize", 32).toInt());
  m_lr = new QDoubleSpinBox;
  m_lr->setDecimals(5);
  m_lr->setRange(1e-5, 1);
  m_lr->setSingleStep(1e-4);
  m_lr->setValue(settings.value("train/learningRate", 1e-3).toDouble());
  m_wd = new QDoubleSpinBox;
  m_wd->setDecimals(5);
  m_wd->setRange(0, 1);
  m_wd->setSingleStep(1e-4);
  m_wd->setValue(settings.value("train/weightDecay", 1e-3).toDouble());
  m_seed = new QSpinBox;
  m_seed->setRange(0, 1 << 30);
  m_seed->setValue(settings.value("train/seed", 0).toInt());
  m_validation = new QDoubleSpinBox;
  m_validation->setRange(0, 0.9);
  m_validation->setSingleStep(0.05);
  m_validation->setValue(settings.value("train/validationFraction", 0.0).toDouble());
  form->addRow(tr("Epochs"), m_epochs);
  form->addRow(tr("Batch size"), m_batch);
  form->addRow(tr("Learning rate"), m_lr);
  form->addRow(tr("Weight decay"), m_wd);
  form->addRow(tr("Seed"), m_seed);
  form->addRow(tr("Validation fraction"), m_validation);
  m_warmStart = new QCheckBox(tr("Start classes named like ImageNet's from the pretrained layer"));
  m_warmStart->setChecked(settings.value("train/warmStart", true).toBool());
  form->addRow(m_warmStart);
  m_train = new QPushButton(tr("Train"));
  m_cancel = new QPushButton(tr("Cancel"));
  m_cancel->setEnabled(false);
  form->addRow(m_train);
  form->addRow(m_cancel);
  middle->addLayout(form);
  layout->addLayout(middle);
  connect(m_train, &QPushButton::clicked, this, [this] {
    saveSettings();
    m_plot->startRun(tr("run %1").arg(++m_runs));
    m_progress->setValue(0);
    Q_EMIT trainRequested();
  });
  connect(m_cancel, &QPushButton::clicked, this, &TrainPage::cancelRequested);

  m_progress = new QProgressBar;
  m_progress->setRange(0, 100);
  m_progress->setValue(0);
  layout->addWidget(m_progress);
  m_plot = new LossPlot;
  layout->addWidget(m_plot, 2);
  m_train->setEnabled(false);
}

void TrainPage::rememberFolder(const QString& folder) {
  QSettings settings;
  auto recent = settings.value("train/recentFolders").toStringList();
  recent.removeAll(folder);
  recent.prepend(folder);
  while (recent.size() > kRecentFolders) recent.removeLast();
  settings.setValue("train/recentFolders", recent);
  rebuildRecentMenu();
}

void TrainPage::rebuildRecentMenu() {
  m_recent->clear();
  const auto recent = QSettings().value("train/recentFolders").toStringList();
  for (const auto& folder : recent) {
    m_recent->addAction(folder, this, [this, folder] { setFolder(folder); });
  }
  m_recent->setEnabled(!recent.isEmpty());
}

void TrainPage::saveSettings() const {
  QSettings settings;
  settings.setValue("train/epochs", m_epochs->value());
  settings.setValue("train/batchSize", m_batch->value());
  settings.setValue("train/learningRate", m_lr->value());
  settings.setValue("train/weightDecay", m_wd->value());
  settings.setValue("train/seed", m_seed->value());
  settings.setValue("train/validationFraction", m_validation->value());
  settings.setValue("train/warmStart", m_warmStart->isChecked());
}

QString TrainPage::folder() const { return m_folder->text(); }

void TrainPage::setFolder(const QString& folder) {
  m_folder->setText(folder);
  Q_EMIT scanRequested(folder);
}

void TrainPage::setDataset(const DatasetReport& report, const QVector<QImage>& thumbnails) {
  m_dataset = report;
  for (int k = 0; k < thumbnails.size(); ++k) {
    if (!thumbnails[k].isNull()) {
      m_report->document()->addResource(QTextDocument::ImageResource,
                                        QUrl(QStringLiteral("thumb:%1").arg(k)), thumbnails[k]);
    }
  }
  m_report->setHtml(reportHtml(report, thumbnails));
  if (report.ok()) rememberFolder(QString::fromStdString(report.root));
  m_train->setEnabled(report.ok());
}

void TrainPage::setBusy(bool busy) {
  m_train->setEnabled(!busy && m_dataset.ok() && !m_dataset.classes.empty());
  m_cancel->setEnabled(busy);
}

void TrainPage::fillOptions(TrainOptions& o) const {
  o.epochs = m_epochs->value();
  o.batchSize = m_batch->value();
  o.learningRate = m_lr->value();
  o.weightDecay = m_wd->value();
  o.seed = static_cast<uint64_t>(m_seed->value());
  o.validationFraction = m_validation->value();
  o.warmStart = m_warmStart->isChecked();
}

void TrainPage::onExtraction(const ExtractionProgress& p) {
  m_progress->setValue(p.total ? int(100 * p.done / p.total) : 100);
  m_progress->setFormat(tr("Extracting features: %1/%2, %3 images/s, ETA %4 s")
                            .arg(p.done)
                            .arg(p.total)
                            .arg(p.imagesPerSecond, 0, 'f', 1)
                            .arg(p.etaSeconds, 0, 'f', 0));
}

void TrainPage::onBatch(const BatchProgress& b) {
  m_stepsPerEpoch = b.steps;
  const double step = (b.epoch - 1) * b.steps + b.step;
  m_plot->addBatch(step, b.loss, b.lossMean);
  m_progress->setValue(int(100.0 * step / (double(b.steps) * b.epochs)));
  m_progress->setFormat(
      tr("Epoch %1/%2, loss_mean=%3").arg(b.epoch).arg(b.epochs).arg(b.lossMean, 0, 'f', 3));
}

void TrainPage::onEpoch(const EpochResult& e) {
  m_plot->addEpoch(double(e.epoch) * m_stepsPerEpoch, e.trainLoss, e.validationLoss.value_or(NAN),
                   e.validationAccuracy.value_or(NAN));
}

void TrainPage::onTrained(const TrainResult& r) {
  m_progress->setValue(100);
  m_progress->setFormat(tr("Done: test accuracy %1").arg(r.test.accuracy, 0, 'f', 4));
  if (r.bestEpoch > 0) m_plot->markBest(double(r.bestEpoch) * m_stepsPerEpoch);
}

void TrainPage::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void TrainPage::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (!urls.isEmpty() && urls.first().isLocalFile()) setFolder(urls.first().toLocalFile());
}

}  // namespace headstart::ui
