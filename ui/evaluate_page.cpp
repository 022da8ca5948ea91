#include "evaluate_page.h"

#include <QFutureWatcher>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "confusion_view.h"

namespace headstart::ui {
namespace {

constexpr int kThumbnail = 96;
constexpr int kCaptionLines = 2;  // "true class" and "→ predicted (confidence)"

// Until its thumbnail is read, an item shows a blank of the same size: the grid is laid out for
// the item's final size, not for its caption alone.
QIcon placeholder() {
  QPixmap blank(kThumbnail, kThumbnail);
  blank.fill(Qt::transparent);
  return QIcon(blank);
}

QImage thumbnail(const QString& path) {
  QImageReader reader(path);
  const QSize size = reader.size();
  if (size.isValid())
    reader.setScaledSize(size.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio));
  return reader.read();
}

}  // namespace

EvaluatePage::EvaluatePage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  m_summary = new QLabel;
  m_summary->setWordWrap(true);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  m_summary->setFocusPolicy(Qt::TabFocus);
  m_evaluateHead = new QPushButton;
  top->addWidget(m_summary, 1);
  top->addWidget(m_evaluateHead, 0, Qt::AlignTop);
  layout->addLayout(top);
  connect(m_evaluateHead, &QPushButton::clicked, this, &EvaluatePage::evaluateHeadRequested);
  auto* split = new QSplitter;
  m_confusion = new ConfusionView;
  split->addWidget(m_confusion);
  m_table = new QTableWidget(0, 5);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setTabKeyNavigation(false);  // Tab moves on to the next control, not the next cell
  split->addWidget(m_table);
  layout->addWidget(split, 2);
  // Fixed cells: every item is a thumbnail over a two-line caption, each line elided to the
  // cell's width. Items sized by their content overlapped once thumbnails arrived after layout.
  m_mistakes = new QListWidget;
  m_mistakes->setViewMode(QListView::IconMode);
  m_mistakes->setMovement(QListView::Static);
  m_mistakes->setIconSize(QSize(kThumbnail, kThumbnail));
  m_mistakes->setResizeMode(QListView::Adjust);
  m_mistakes->setUniformItemSizes(true);
  m_mistakes->setWordWrap(false);
  m_mistakes->setTextElideMode(Qt::ElideMiddle);
  m_mistakes->setSpacing(4);
  updateGrid();
  auto* listRow = new QHBoxLayout;
  m_cellCaption = new QLabel;
  m_showAll = new QPushButton;
  listRow->addWidget(m_cellCaption, 1);
  listRow->addWidget(m_showAll);
  layout->addLayout(listRow);
  layout->addWidget(m_mistakes, 1);
  m_cellCaption->setBuddy(m_mistakes);
  connect(m_confusion, &ConfusionView::cellClicked, this, &EvaluatePage::showCell);
  connect(m_showAll, &QPushButton::clicked, this, [this] { showCell(-1, -1); });
  retranslate();
}

void EvaluatePage::retranslate() {
  m_table->setHorizontalHeaderLabels(
      {tr("Class"), tr("Precision"), tr("Recall"), tr("F1 score"), tr("Images")});
  m_table->setAccessibleName(tr("Per-class metrics"));
  m_mistakes->setAccessibleName(tr("Images of the chosen cell"));
  m_confusion->setAccessibleName(tr("Confusion matrix"));
  m_confusion->setToolTip(
      tr("Click a cell, or move to it with the arrow keys, to list its images"));
  m_showAll->setText(tr("Show all mistakes"));
  m_evaluateHead->setText(tr("Evaluate a trained head…"));
  m_evaluateHead->setToolTip(tr("Choose a saved head and evaluate it on the Train page's dataset"));
  showSummary();
  if (!m_evaluation.classes.empty()) showCell(m_trueClass, m_predictedClass);
}

// Wide enough for a thumbnail and a short caption, tall enough for the thumbnail and its lines.
void EvaluatePage::updateGrid() {
  const QFontMetrics metrics(m_mistakes->font());
  const int width = std::max(kThumbnail, metrics.averageCharWidth() * 22) + 12;
  m_mistakes->setGridSize(QSize(width, kThumbnail + kCaptionLines * metrics.lineSpacing() + 16));
}

void EvaluatePage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) updateGrid();
  QWidget::changeEvent(event);
}

void EvaluatePage::showSummary() {
  if (m_evaluation.classes.empty()) {
    m_summary->setText(tr("Train a head, or load one, to see how it does on the test images."));
    return;
  }
  const auto& e = m_evaluation;
  const QLocale l;
  m_summary->setText(
      QStringLiteral("<b>%1</b><br>").arg(m_caption.toHtmlEscaped()) +
      tr("%n test image(s): accuracy %1, loss %2, top-5 accuracy %3", nullptr, int(e.count))
          .arg(l.toString(100 * e.accuracy, 'f', 1) + QStringLiteral(" %"))
          .arg(l.toString(e.loss, 'f', 3))
          .arg(l.toString(100 * e.top5Accuracy, 'f', 1) + QStringLiteral(" %")));
}

void EvaluatePage::showEvaluation(const Evaluation& e, const QString& caption) {
  m_evaluation = e;
  m_caption = caption;
  showSummary();
  QStringList classes;
  for (const auto& c : e.classes) classes << QString::fromStdString(c);
  m_confusion->setMatrix(classes, e.confusion);
  m_table->setRowCount(int(e.perClass.size()));
  for (int i = 0; i < int(e.perClass.size()); ++i) {
    const auto& m = e.perClass[size_t(i)];
    const QLocale l;
    const QStringList cells{QString::fromStdString(m.name), l.toString(m.precision, 'f', 3),
                            l.toString(m.recall, 'f', 3), l.toString(m.f1, 'f', 3),
                            l.toString(qulonglong(m.support))};
    for (int c = 0; c < cells.size(); ++c) m_table->setItem(i, c, new QTableWidgetItem(cells[c]));
  }
  showCell(-1, -1);
}

// A cell shows every image in it: the mistakes off the diagonal, the correct ones on it.
void EvaluatePage::showCell(int trueClass, int predictedClass) {
  m_trueClass = trueClass;
  m_predictedClass = predictedClass;
  m_mistakes->clear();
  m_confusion->highlight(trueClass, predictedClass);
  const bool all = trueClass < 0;
  const auto& source =
      !all && trueClass == predictedClass ? m_evaluation.correct : m_evaluation.mistakes;
  for (const auto& m : source) {
    if (!all && (m.trueClass != trueClass || m.predictedClass != predictedClass)) continue;
    const QString text =
        tr("%1\n→ %2 (%3)")
            .arg(QString::fromStdString(m_evaluation.classes[size_t(m.trueClass)]),
                 QString::fromStdString(m_evaluation.classes[size_t(m.predictedClass)]))
            .arg(m.confidence, 0, 'f', 2);
    // Each line shortened to the cell: a long class name must not run into the next cell.
    const QFontMetrics metrics(m_mistakes->font());
    const int room = m_mistakes->gridSize().width() - 8;
    QStringList lines;
    for (const auto& line : text.split(QLatin1Char('\n')))
      lines << metrics.elidedText(line, Qt::ElideMiddle, room);
    auto* item = new QListWidgetItem(placeholder(), lines.join(QLatin1Char('\n')));
    item->setData(Qt::AccessibleTextRole, text);
    item->setToolTip(QString::fromStdString(m.path));
    m_mistakes->addItem(item);
  }
  const auto name = [this](int c) {
    return QString::fromStdString(m_evaluation.classes[size_t(c)]);
  };
  if (all)
    m_cellCaption->setText(
        tr("All mistakes: %n image(s) (click a cell of the matrix to see its "
           "images)",
           nullptr, m_mistakes->count()));
  else if (trueClass == predictedClass)
    m_cellCaption->setText(
        tr("Correct %1: %n image(s)", nullptr, m_mistakes->count()).arg(name(trueClass)));
  else
    m_cellCaption->setText(tr("True %1, predicted %2: %n image(s)", nullptr, m_mistakes->count())
                               .arg(name(trueClass), name(predictedClass)));
  // What a screen reader says as the arrows move the frame over the focused matrix.
  m_confusion->setAccessibleName(all ? tr("Confusion matrix")
                                     : tr("Confusion matrix: %1").arg(m_cellCaption->text()));
  m_showAll->setEnabled(!all);
  // Thumbnails are read on a pool thread: hundreds of mistakes must not freeze the window.
  QStringList paths;
  for (int i = 0; i < m_mistakes->count(); ++i) paths << m_mistakes->item(i)->toolTip();
  const int generation = ++m_generation;
  auto* watcher = new QFutureWatcher<QImage>(this);
  connect(watcher, &QFutureWatcher<QImage>::resultReadyAt, this,
          [this, watcher, generation](int i) {
            if (generation == m_generation && i < m_mistakes->count()) {
              m_mistakes->item(i)->setIcon(QIcon(QPixmap::fromImage(watcher->resultAt(i))));
              m_mistakes->item(i)->setData(kThumbnailRead, true);
            }
          });
  connect(watcher, &QFutureWatcher<QImage>::finished, watcher, &QObject::deleteLater);
  watcher->setFuture(QtConcurrent::mapped(paths, thumbnail));
}

}  // namespace headstart::ui
