#include "runs_view.h"

#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "loss_plot.h"

namespace headstart::ui {
namespace {

// What a user compares first comes first: a narrow list still shows name, accuracy and state.
enum Column { Name, Accuracy, State, Options, Dataset, When, Columns };
// Longer options are elided (the tooltip has them all) rather than widen the list.
constexpr int kOptionsWidthChars = 32;
constexpr int kIdRole = Qt::UserRole;
constexpr int kStateRole = Qt::UserRole + 1;
constexpr int kHasResultRole = Qt::UserRole + 2;

// The run's colour in the plot, beside its name: the list doubles as the plot's legend.
QIcon swatch(const QColor& colour) {
  QPixmap pixmap(12, 12);
  pixmap.fill(colour);
  return QIcon(pixmap);
}

}  // namespace

RunsView::RunsView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_tree = new QTreeWidget;
  m_tree->setColumnCount(Columns);
  m_tree->setRootIsDecorated(false);
  m_tree->setUniformRowHeights(true);
  m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
  m_tree->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
  m_tree->header()->setStretchLastSection(false);
  m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_tree->header()->setSectionResizeMode(Name, QHeaderView::Interactive);
  m_tree->header()->setSectionResizeMode(Options, QHeaderView::Interactive);
  m_tree->setTextElideMode(Qt::ElideRight);
  m_tree->setTabKeyNavigation(false);  // Tab leaves the list, as everywhere else
  layout->addWidget(m_tree, 1);
  auto* buttons = new QHBoxLayout;
  m_export = new QPushButton;
  m_evaluate = new QPushButton;
  m_rename = new QPushButton;
  m_delete = new QPushButton;
  for (auto* b : {m_export, m_evaluate, m_rename, m_delete}) buttons->addWidget(b);
  buttons->addStretch();
  layout->addLayout(buttons);
  retranslate();
  updateButtons();

  connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
    if (m_filling) return;
    if (column != Name) return;
    // Read before emitting: a receiver may rebuild the list and delete the item.
    const QString id = item->data(Name, kIdRole).toString();
    const bool shown = item->checkState(Name) == Qt::Checked;
    const QString name = item->text(Name).trimmed();
    Q_EMIT shownChanged(id, shown);
    Q_EMIT renamed(id, name);
  });
  connect(m_tree, &QTreeWidget::itemSelectionChanged, this, [this] {
    updateButtons();
    Q_EMIT selectionChanged(selectedId());
  });
  connect(m_export, &QPushButton::clicked, this, [this] { Q_EMIT exportRequested(selectedId()); });
  connect(m_evaluate, &QPushButton::clicked, this,
          [this] { Q_EMIT evaluateRequested(selectedId()); });
  connect(m_delete, &QPushButton::clicked, this, [this] { Q_EMIT deleteRequested(selectedId()); });
  connect(m_rename, &QPushButton::clicked, this, [this] {
    if (auto* item = itemFor(selectedId())) m_tree->editItem(item, Name);
  });
}

void RunsView::retranslate() {
  QStringList labels(Columns);
  labels[Name] = tr("Run");
  labels[Accuracy] = tr("Test accuracy");
  labels[State] = tr("State");
  labels[Options] = tr("Options");
  labels[Dataset] = tr("Dataset");
  labels[When] = tr("Started");
  m_tree->setHeaderLabels(labels);
  m_tree->setAccessibleName(tr("Training runs"));
  m_tree->setToolTip(tr("Tick a run to draw it in the plot; double-click its name to rename it"));
  m_export->setText(tr("Export…"));
  m_export->setToolTip(tr("Export the selected run's trained layer"));
  m_evaluate->setText(tr("Evaluate"));
  m_evaluate->setToolTip(tr("Show the selected run's results on the Evaluate page"));
  m_rename->setText(tr("Rename"));
  m_delete->setText(tr("Delete"));
  m_delete->setToolTip(tr("Remove the selected run from the project (your images stay)"));
}

void RunsView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

QString RunsView::stateText(const Run& run) {
  switch (run.state) {
    case RunState::Running:
      return tr("running");
    case RunState::Done:
      return tr("done");
    case RunState::Cancelled:
      return tr("cancelled");
    case RunState::Failed:
      return tr("failed");
  }
  return {};
}

QString RunsView::optionsText(const TrainOptions& o) {
  const QLocale l;
  QString text = tr("%n epoch(s), lr %1, batch %2", nullptr, o.epochs)
                     .arg(l.toString(o.learningRate, 'g', 4))
                     .arg(o.batchSize);
  if (o.validationFraction > 0)
    text += tr(", validation %1%").arg(l.toString(100 * o.validationFraction, 'g', 3));
  if (o.augment.views > 0) text += tr(", %n augmented view(s)", nullptr, o.augment.views);
  if (o.schedule == LrSchedule::Cosine) text += tr(", cosine schedule");
  if (o.schedule == LrSchedule::OneCycle) text += tr(", one-cycle schedule");
  if (o.warmupEpochs > 0) text += tr(", warm-up %1").arg(l.toString(o.warmupEpochs, 'g', 3));
  if (o.labelSmoothing > 0)
    text += tr(", label smoothing %1").arg(l.toString(o.labelSmoothing, 'g', 3));
  if (o.balance) text += tr(", balanced");
  return o.trainLastStage ? tr("last stage, %1").arg(text) : text;
}

void RunsView::fillRow(QTreeWidgetItem* item, const Run& run) {
  const bool was = m_filling;
  m_filling = true;
  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable |
                 Qt::ItemIsUserCheckable);
  item->setData(Name, kIdRole, run.id);
  item->setData(Name, kStateRole, int(run.state));
  item->setData(Name, kHasResultRole, run.result.has_value());
  item->setText(Name, run.displayName());
  item->setIcon(Name, swatch(LossPlot::runColour(run.number)));
  item->setCheckState(Name, run.shown ? Qt::Checked : Qt::Unchecked);
  const QString root = QString::fromStdString(run.dataset.root);
  item->setText(Dataset, QDir(root).dirName());
  item->setToolTip(Dataset, root);
  item->setText(Options, optionsText(run.options));
  item->setToolTip(Options, item->text(Options));
  item->setText(When, QLocale().toString(run.started, QLocale::ShortFormat));
  item->setText(Accuracy, run.result ? QLocale().toString(100 * run.result->test.accuracy, 'f', 1) +
                                           QStringLiteral(" %")
                                     : QStringLiteral("–"));
  item->setText(State, stateText(run));
  item->setToolTip(State, run.note);
  m_filling = was;
}

QTreeWidgetItem* RunsView::itemFor(const QString& id) const {
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
    auto* item = m_tree->topLevelItem(i);
    if (item->data(Name, kIdRole).toString() == id) return item;
  }
  return nullptr;
}

void RunsView::setRuns(const QVector<const Run*>& runs) {
  const QString selected = selectedId();
  m_filling = true;
  m_tree->clear();
  for (const auto* run : runs) {
    auto* item = new QTreeWidgetItem(m_tree);
    fillRow(item, *run);
  }
  m_filling = false;
  m_tree->resizeColumnToContents(Name);
  m_tree->resizeColumnToContents(Options);
  const int widest = m_tree->fontMetrics().averageCharWidth() * kOptionsWidthChars;
  m_tree->header()->resizeSection(Options,
                                  std::min(m_tree->header()->sectionSize(Options), widest));
  if (auto* item = itemFor(selected)) m_tree->setCurrentItem(item);
  updateButtons();
}

void RunsView::updateRun(const Run& run) {
  if (auto* item = itemFor(run.id)) fillRow(item, run);
  updateButtons();
}

QString RunsView::selectedId() const {
  const auto items = m_tree->selectedItems();
  return items.isEmpty() ? QString() : items.first()->data(Name, kIdRole).toString();
}

void RunsView::select(const QString& id) {
  if (auto* item = itemFor(id)) m_tree->setCurrentItem(item);
}

void RunsView::updateButtons() {
  auto* item = itemFor(selectedId());
  const bool done = item && item->data(Name, kHasResultRole).toBool();
  const bool running = item && item->data(Name, kStateRole).toInt() == int(RunState::Running);
  m_export->setEnabled(done);
  m_evaluate->setEnabled(done);
  m_rename->setEnabled(item != nullptr);
  m_delete->setEnabled(item != nullptr && !running);
}

}  // namespace headstart::ui
