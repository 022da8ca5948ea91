#include "evaluate_page.h"

#include <QFutureWatcher>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "confusion_view.h"

namespace headstart::ui {
namespace {

QImage thumbnail(const QString& path) {
  QImageReader reader(path);
  const QSize size = reader.size();
  if (size.isValid()) reader.setScaledSize(size.scaled(96, 96, Qt::KeepAspectRatio));
  return reader.read();
}

}  // namespace

EvaluatePage::EvaluatePage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  m_summary = new QLabel(tr("Train a head, or load one, to see how it does on the test images."));
  layout->addWidget(m_summary);
  auto* split = new QSplitter;
  m_confusion = new ConfusionView;
  split->addWidget(m_confusion);
  m_table = new QTableWidget(0, 5);
  m_table->setHorizontalHeaderLabels(
      {tr("class"), tr("precision"), tr("recall"), tr("F1"), tr("support")});
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  split->addWidget(m_table);
  layout->addWidget(split, 2);
  m_mistakes = new QListWidget;
  m_mistakes->setViewMode(QListView::IconMode);
  m_mistakes->setIconSize(QSize(96, 96));
  m_mistakes->setResizeMode(QListView::Adjust);
  m_mistakes->setWordWrap(true);
  layout->addWidget(new QLabel(tr("Misclassified images (click a cell of the matrix to filter):")));
  layout->addWidget(m_mistakes, 1);
  connect(m_confusion, &ConfusionView::cellClicked, this, &EvaluatePage::showCell);
}

void EvaluatePage::showEvaluation(const Evaluation& e) {
  m_evaluation = e;
  m_summary->setText(
      tr("Test: %n image(s), accuracy %1, loss %2, top-5 accuracy %3", nullptr, int(e.count))
          .arg(e.accuracy, 0, 'f', 4)
          .arg(e.loss, 0, 'f', 4)
          .arg(e.top5Accuracy, 0, 'f', 4));
  QStringList classes;
  for (const auto& c : e.classes) classes << QString::fromStdString(c);
  m_confusion->setMatrix(classes, e.confusion);
  m_table->setRowCount(int(e.perClass.size()));
  for (int i = 0; i < int(e.perClass.size()); ++i) {
    const auto& m = e.perClass[size_t(i)];
    const QStringList cells{QString::fromStdString(m.name), QString::number(m.precision, 'f', 3),
                            QString::number(m.recall, 'f', 3), QString::number(m.f1, 'f', 3),
                            QString::number(m.support)};
    for (int c = 0; c < cells.size(); ++c) m_table->setItem(i, c, new QTableWidgetItem(cells[c]));
  }
  showCell(-1, -1);
}

void EvaluatePage::showCell(int trueClass, int predictedClass) {
  m_mistakes->clear();
  for (const auto& m : m_evaluation.mistakes) {
    if (trueClass >= 0 && (m.trueClass != trueClass || m.predictedClass != predictedClass))
      continue;
    const QString text =
        tr("%1\n→ %2 (%3)")
            .arg(QString::fromStdString(m_evaluation.classes[size_t(m.trueClass)]),
                 QString::fromStdString(m_evaluation.classes[size_t(m.predictedClass)]))
            .arg(m.confidence, 0, 'f', 2);
    auto* item = new QListWidgetItem(text);
    item->setToolTip(QString::fromStdString(m.path));
    m_mistakes->addItem(item);
  }
  // Thumbnails are read on a pool thread: hundreds of mistakes must not freeze the window.
  QStringList paths;
  for (int i = 0; i < m_mistakes->count(); ++i) paths << m_mistakes->item(i)->toolTip();
  const int generation = ++m_generation;
  auto* watcher = new QFutureWatcher<QImage>(this);
  connect(watcher, &QFutureWatcher<QImage>::resultReadyAt, this,
          [this, watcher, generation](int i) {
            if (generation == m_generation && i < m_mistakes->count()) {
              m_mistakes->item(i)->setIcon(QIcon(QPixmap::fromImage(watcher->resultAt(i))));
            }
          });
  connect(watcher, &QFutureWatcher<QImage>::finished, watcher, &QObject::deleteLater);
  watcher->setFuture(QtConcurrent::mapped(paths, thumbnail));
}

}  // namespace headstart::ui
