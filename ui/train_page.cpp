#include "train_page.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <cmath>

#include "loss_plot.h"
#include "lr_plot.h"
#include "number_field.h"
#include "project.h"
#include "runs_view.h"

namespace headstart::ui {
namespace {

constexpr int kRecentFolders = 8;
constexpr int kSaveEveryMs = 2000;  // a running run's curves reach the disk this often

QString seconds(double s) {
  if (!std::isfinite(s) || s < 0) return QStringLiteral("?");
  if (s < 90) return QObject::tr("%n s", nullptr, int(std::lround(s)));
  return QObject::tr("%n min", nullptr, int(std::lround(s / 60)));
}

// The bar's text, also as its accessible description: a screen reader reads the value as a bare
// percentage, and the text (epoch, loss, time left) only from here.
void setProgressText(QProgressBar* bar, const QString& text) {
  bar->setFormat(text);
  bar->setAccessibleDescription(text);
}

QString percent(double fraction) {
  return QLocale().toString(100 * fraction, 'f', 1) + QStringLiteral(" %");
}

// The first thing the report says: whether anything is wrong, each problem naming its class or
// file. Errors stop training; warnings do not.
QString summaryHtml(const DatasetReport& r) {
  auto list = [](const std::vector<std::string>& items, const char* colour) {
    QString html;
    for (const auto& item : items)
      html += QStringLiteral("<li style='color:%1'>%2</li>")
                  .arg(QLatin1String(colour), QString::fromStdString(item).toHtmlEscaped());
    return html;
  };
  if (!r.errors.empty())
    return QObject::tr("<b>Cannot train on this folder:</b>") + QStringLiteral("<ul>") +
           list(r.errors, "#b00020") + list(r.warnings, "#8a6d00") + QStringLiteral("</ul>");
  QString counts = QObject::tr("%1 classes, %2 training and %3 test images")
                       .arg(r.classes.size())
                       .arg(r.train.size())
                       .arg(r.test.size());
  if (!r.excluded.empty())
    counts += QStringLiteral("; ") +
              QObject::tr("%n image(s) excluded on the Data page", nullptr, int(r.excluded.size()));
  if (r.warnings.empty() && r.skipped.empty())
    return QObject::tr("<b>No problems found</b>: %1.").arg(counts);
  QString html = QObject::tr("<b>%n warning(s)</b>: %1.", nullptr,
                             int(r.warnings.size() + (r.skipped.empty() ? 0 : 1)))
                     .arg(counts) +
                 QStringLiteral("<ul>") + list(r.warnings, "#8a6d00");
  if (!r.skipped.empty())
    html += QStringLiteral("<li style='color:#8a6d00'>%1</li>")
                .arg(QObject::tr("%n file(s) skipped: see the list below", nullptr,
                                 int(r.skipped.size())));
  return html + QStringLiteral("</ul>");
}

QString reportHtml(const DatasetReport& r, const QVector<QImage>& thumbnails) {
  const int perClass = EngineWorker::kThumbnailsPerClass;
  QString html = QObject::tr("<b>%1</b> (%2)")
                     .arg(QString::fromStdString(r.root).toHtmlEscaped(),
                          QString::fromLatin1(layoutName(r.layout)));
  html += QStringLiteral(
              "<table cellspacing=0 cellpadding=3><tr><th align=left>%1</th><th align=right>%2"
              "</th><th align=right>%3</th><th></th></tr>")
              .arg(QObject::tr("Class"), QObject::tr("Train"), QObject::tr("Test"));
  for (size_t index = 0; index < r.counts.size(); ++index) {
    const auto& c = r.counts[index];
    QString pictures;
    for (int i = 0; i < perClass; ++i) {
      const int k = int(index) * perClass + i;
      if (k < thumbnails.size() && !thumbnails[k].isNull())
        pictures += QStringLiteral("<img src=\"thumb:%1\" height=40> ").arg(k);
    }
    html += QStringLiteral(
                "<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td><td>%4</td></tr>")
                .arg(QString::fromStdString(c.name).toHtmlEscaped())
                .arg(c.train)
                .arg(c.test)
                .arg(pictures);
  }
  html += QStringLiteral("</table>");
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
  m_browse = new QPushButton;
  m_recentButton = new QToolButton;
  m_recentButton->setPopupMode(QToolButton::InstantPopup);
  m_recent = new QMenu(m_recentButton);
  m_recentButton->setMenu(m_recent);
  rebuildRecentMenu();
  folderRow->addWidget(m_folder, 1);
  folderRow->addWidget(m_browse);
  folderRow->addWidget(m_recentButton);
  layout->addLayout(folderRow);
  connect(m_browse, &QPushButton::clicked, this, [this] {
    const auto dir =
        QFileDialog::getExistingDirectory(this, tr("Dataset folder"), m_folder->text());
    if (!dir.isEmpty()) setFolder(dir);
  });
  connect(m_folder, &QLineEdit::editingFinished, this, [this] {
    if (m_folder->text() != QString::fromStdString(m_dataset.root))
      Q_EMIT scanRequested(m_folder->text());
  });

  // The form is a column of its own, the page's full height, so all its rows show at once; beside
  // it the report, then progress and plot, then the runs, one above the other. A splitter between
  // those lets a small screen give the room to whichever part is in use.
  auto* columns = new QHBoxLayout;
  auto* split = new QSplitter(Qt::Vertical);
  split->setChildrenCollapsible(false);
  auto* top = new QWidget;
  auto* reportColumn = new QVBoxLayout(top);
  reportColumn->setContentsMargins(0, 0, 0, 0);
  m_summary = new QLabel;
  m_summary->setWordWrap(true);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  m_summary->setFocusPolicy(Qt::TabFocus);
  m_report = new QTextBrowser;
  m_report->setMinimumHeight(60);
  reportColumn->addWidget(m_summary);
  reportColumn->addWidget(m_report, 1);
  split->addWidget(top);
  auto* formScroll = new QScrollArea;
  formScroll->setWidgetResizable(true);
  formScroll->setFrameShape(QFrame::NoFrame);
  auto* formWidget = new QWidget;
  buildForm(formWidget);
  formScroll->setWidget(formWidget);
  formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  formScroll->setFocusPolicy(Qt::NoFocus);  // its fields take the focus, and scroll it to them
  m_formScroll = formScroll;

  auto* bottom = new QWidget;
  auto* bottomColumn = new QVBoxLayout(bottom);
  bottomColumn->setContentsMargins(0, 0, 0, 0);
  m_progress = new QProgressBar;
  m_progress->setRange(0, 100);
  m_progress->setValue(0);
  m_progress->setTextVisible(true);
  // Hidden until the first run or search: an empty bar at 0% reads as a stalled run. Its room
  // stays, so the buttons beside it do not move when it appears.
  auto keepRoom = m_progress->sizePolicy();
  keepRoom.setRetainSizeWhenHidden(true);
  m_progress->setSizePolicy(keepRoom);
  m_progress->hide();
  // The actions sit by the progress they start and stop, visible however small the window.
  m_train = new QPushButton;
  m_cancel = new QPushButton;
  m_cancel->setEnabled(false);
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(m_train);
  runRow->addWidget(m_cancel);
  runRow->addWidget(m_progress, 1);
  bottomColumn->addLayout(runRow);
  auto* plotTools = new QHBoxLayout;
  m_xAxis = new QComboBox;
  m_resetView = new QPushButton;
  m_legend = new QCheckBox;
  m_legend->setObjectName(QStringLiteral("plotLegend"));
  m_legend->setChecked(QSettings().value("train/plotLegend", true).toBool());
  plotTools->addWidget(m_xAxis);
  plotTools->addWidget(m_resetView);
  plotTools->addWidget(m_legend);
  plotTools->addStretch();
  bottomColumn->addLayout(plotTools);
  m_plot = new LossPlot;
  m_plot->setLegendWanted(m_legend->isChecked());
  bottomColumn->addWidget(m_plot, 1);
  split->addWidget(bottom);
  // The runs under the plot, across the column's whole width: every column of the list shows.
  m_runs = new RunsView;
  split->addWidget(m_runs);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 4);
  split->setStretchFactor(2, 2);
  columns->addWidget(split, 1);
  columns->addWidget(formScroll);
  layout->addLayout(columns, 1);
  // Tab goes from the report down the form (the whole scroll area's chain), then to Train.
  setTabOrder(m_report, formScroll);

  connect(m_xAxis, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
    m_plot->setXAxis(index == 0 ? LossPlot::XAxis::Epochs : LossPlot::XAxis::Steps);
  });
  connect(m_resetView, &QPushButton::clicked, m_plot, &LossPlot::resetView);
  connect(m_legend, &QCheckBox::toggled, this, [this](bool on) {
    QSettings().setValue("train/plotLegend", on);
    m_plot->setLegendWanted(on);
  });
  // The plot is pixels: its description says in words what it shows, as it changes.
  connect(m_plot, &LossPlot::summaryChanged, m_plot, &QWidget::setAccessibleDescription);
  connect(m_train, &QPushButton::clicked, this, [this] {
    saveSettings();
    Q_EMIT trainRequested();
  });
  connect(m_cancel, &QPushButton::clicked, this, &TrainPage::cancelRequested);
  connect(m_runs, &RunsView::shownChanged, this, [this](const QString& id, bool shown) {
    if (auto* run = m_project ? m_project->run(id) : nullptr; run && run->shown != shown) {
      run->shown = shown;
      m_project->save(*run);
      refreshPlot();
    }
  });
  connect(m_runs, &RunsView::renamed, this, &TrainPage::renameRun);
  connect(m_runs, &RunsView::deleteRequested, this, &TrainPage::askDeleteRun);
  connect(m_runs, &RunsView::exportRequested, this, &TrainPage::exportRequested);
  connect(m_runs, &RunsView::evaluateRequested, this, &TrainPage::evaluateRequested);
  retranslate();
  updateTrainButton();
}

// A name another run shows is refused: two runs of one name could not be told apart in the
// legend, and their exports would propose the same files.
void TrainPage::renameRun(const QString& id, const QString& name) {
  auto* run = m_project ? m_project->run(id) : nullptr;
  if (!run || run->displayName() == name) return;
  if (name.isEmpty()) {  // a cleared name: the run is called by its number again
    run->name.clear();
    m_project->save(*run);
    m_plot->runChanged(*run);
    QTimer::singleShot(0, this, &TrainPage::refreshRuns);
    return;
  }
  for (const auto& other : m_project->runs()) {
    if (other->id != id && other->displayName().compare(name, Qt::CaseInsensitive) == 0) {
      Q_EMIT problem(tr("Another run is already called %1: choose another name").arg(name));
      QTimer::singleShot(0, this, &TrainPage::refreshRuns);  // the list shows the old name again
      return;
    }
  }
  run->name = name;
  m_project->save(*run);
  m_plot->runChanged(*run);  // its legend entry
}

void TrainPage::buildForm(QWidget* parent) {
  auto* form = new QFormLayout(parent);
  QSettings settings;
  m_parts = new QComboBox;
  m_parts->setObjectName(QStringLiteral("trainedParts"));
  m_parts->addItems({QString(), QString()});  // named in retranslate()
  m_parts->setCurrentIndex(settings.value("train/lastStage", false).toBool() ? 1 : 0);
  // Defaults from the course notebook.
  m_epochs = new QSpinBox;
  m_epochs->setObjectName(QStringLiteral("epochs"));
  m_epochs->setRange(1, 1000);
  m_epochs->setValue(settings.value("train/epochs", 5).toInt());
  m_batch = new QSpinBox;
  m_batch->setRange(1, 4096);
  m_batch->setValue(settings.value("train/batchSize", 32).toInt());
  // Typed, not spun: a learning rate is naturally written 1e-4, in any locale.
  m_lr = new NumberField(0, 10, /*minimumExcluded=*/true);
  m_lr->setObjectName(QStringLiteral("learningRate"));
  m_lr->setValue(settings.value("train/learningRate", 1e-3).toDouble());
  m_wd = new NumberField(0, 1);
  m_wd->setObjectName(QStringLiteral("weightDecay"));
  m_wd->setValue(settings.value("train/weightDecay", 1e-3).toDouble());
  m_seed = new QSpinBox;
  m_seed->setRange(0, 1 << 30);
  m_seed->setValue(settings.value("train/seed", 0).toInt());
  m_validation = new NumberField(0, 0.9);
  m_validation->setObjectName(QStringLiteral("validationFraction"));
  m_validation->setValue(settings.value("train/validationFraction", 0.0).toDouble());
  m_patience = new QSpinBox;
  m_patience->setObjectName(QStringLiteral("patience"));
  m_patience->setRange(0, 1000);
  m_patience->setValue(settings.value("train/patience", 0).toInt());
  for (auto* field : {m_lr, m_wd, m_validation})
    connect(field, &NumberField::validityChanged, this, &TrainPage::updateTrainButton);
  const QList<QWidget*> fields{m_parts, m_epochs, m_batch,      m_lr,
                               m_wd,    m_seed,   m_validation, m_patience};
  for (auto* field : fields) {
    auto* label = new QLabel;
    label->setBuddy(field);  // the label names the field for screen readers and Alt+key
    m_formLabels << label;
    form->addRow(label, field);
  }
  m_warmStart = new QCheckBox;
  m_warmStart->setChecked(settings.value("train/warmStart", true).toBool());
  form->addRow(m_warmStart);
  addAugmentRows(form);
  buildLrFinderAndAdvanced(form, settings);
  // The finder's button and curve are made after the rows above them: Tab follows the rows.
  const QList<QWidget*> visualOrder{m_parts,      m_epochs,   m_batch,     m_lr,
                                    m_findLr,     m_lrPlot,   m_wd,        m_seed,
                                    m_validation, m_patience, m_warmStart, m_augmentViews,
                                    m_schedule,   m_warmup,   m_smoothing, m_balance};
  for (int i = 1; i < visualOrder.size(); ++i) setTabOrder(visualOrder[i - 1], visualOrder[i]);
}

void TrainPage::addAugmentRows(QFormLayout* form) {
  m_augmentViews = new QSpinBox;
  m_augmentViews->setObjectName(QStringLiteral("augmentViews"));
  m_augmentViews->setRange(0, 32);
  m_augmentViews->setValue(QSettings().value("train/augmentViews", 0).toInt());
  m_augmentLabel = new QLabel;
  m_augmentLabel->setBuddy(m_augmentViews);
  form->addRow(m_augmentLabel, m_augmentViews);
  m_augmentHelp = new QLabel;
  m_augmentHelp->setWordWrap(true);
  form->addRow(m_augmentHelp);
}

void TrainPage::buildLrFinderAndAdvanced(QFormLayout* form, const QSettings& settings) {
  // The finder sits under the field it fills; its curve appears there after the first search.
  int learningRateRow = 0;
  QFormLayout::ItemRole role;
  form->getWidgetPosition(m_lr, &learningRateRow, &role);
  const int rowAfterLearningRate = learningRateRow + 1;
  m_findLr = new QPushButton;
  m_findLr->setObjectName(QStringLiteral("findLearningRate"));
  form->insertRow(rowAfterLearningRate, m_findLr);
  m_lrPlot = new LrPlot;
  m_lrPlot->setVisible(false);
  form->insertRow(rowAfterLearningRate + 1, m_lrPlot);
  connect(m_findLr, &QPushButton::clicked, this, [this] {
    saveSettings();
    Q_EMIT lrFindRequested();
  });

  m_advanced = new QGroupBox;
  auto* advanced = new QFormLayout(m_advanced);
  m_schedule = new QComboBox;
  m_schedule->setObjectName(QStringLiteral("schedule"));
  for (auto kind : {LrSchedule::Constant, LrSchedule::Cosine, LrSchedule::OneCycle})
    m_schedule->addItem(QString(), QString::fromLatin1(scheduleName(kind)));
  m_schedule->setCurrentIndex(
      std::max(0, m_schedule->findData(settings.value("train/schedule", "constant").toString())));
  m_warmup = new NumberField(0, 1000);
  m_warmup->setObjectName(QStringLiteral("warmupEpochs"));
  m_warmup->setValue(settings.value("train/warmupEpochs", 0.0).toDouble());
  m_smoothing = new NumberField(0, 0.9);
  m_smoothing->setObjectName(QStringLiteral("labelSmoothing"));
  m_smoothing->setValue(settings.value("train/labelSmoothing", 0.0).toDouble());
  for (auto* field : {m_warmup, m_smoothing})
    connect(field, &NumberField::validityChanged, this, &TrainPage::updateTrainButton);
  for (QWidget* field : {static_cast<QWidget*>(m_schedule), static_cast<QWidget*>(m_warmup),
                         static_cast<QWidget*>(m_smoothing)}) {
    auto* label = new QLabel;
    label->setBuddy(field);
    m_advancedLabels << label;
    advanced->addRow(label, field);
  }
  m_balance = new QCheckBox;
  m_balance->setObjectName(QStringLiteral("balance"));
  m_balance->setChecked(settings.value("train/balance", false).toBool());
  advanced->addRow(m_balance);
  m_flip = new QCheckBox;
  m_flip->setObjectName(QStringLiteral("testTimeFlip"));
  m_flip->setChecked(settings.value("train/testTimeFlip", false).toBool());
  advanced->addRow(m_flip);
  form->addRow(m_advanced);
}

void TrainPage::retranslateAdvanced() {
  m_findLr->setText(tr("Fin&d learning rate"));
  m_findLr->setToolTip(
      tr("Train briefly on the cached features while the learning rate rises, and put the rate "
         "where the loss falls fastest into the field above"));
  m_advanced->setTitle(tr("Advanced"));
  const QStringList labels{tr("Sc&hedule"), tr("Warm-&up (epochs)"), tr("Label smoothin&g")};
  for (int i = 0; i < m_advancedLabels.size(); ++i) m_advancedLabels[i]->setText(labels[i]);
  const QStringList schedules{tr("Constant"), tr("Cosine"), tr("One cycle")};
  for (int i = 0; i < schedules.size(); ++i) m_schedule->setItemText(i, schedules[i]);
  m_schedule->setToolTip(
      tr("How the learning rate changes: constant (as the notebook), cosine decay to zero, or "
         "one cycle up and down"));
  m_schedule->view()->setAccessibleName(tr("Schedule"));
  m_warmup->setToolTip(
      tr("Epochs over which the learning rate rises linearly to its value (may be fractional); "
         "for one cycle, the length of its rise (0: 30% of the run)"));
  m_smoothing->setToolTip(
      tr("Part of each label spread over the other classes, from 0 (none) to 0.9"));
  // Short texts, the explanations in tooltips: a check box does not wrap its text, and a long
  // one (in Russian above all) widened the form until the runs table needed scrolling.
  m_balance->setText(tr("Bala&nce classes"));
  m_balance->setToolTip(tr("Weight the loss by how rare each class is"));
  m_flip->setText(tr("Test-time fl&ip"));
  m_flip->setToolTip(
      tr("Evaluate each test image and its mirror image: the test accuracy averages their "
         "probabilities; training never sees it"));
}

void TrainPage::retranslate() {
  m_folder->setPlaceholderText(tr("Dataset folder (train/ and test/, or one folder per class)"));
  m_folder->setAccessibleName(tr("Dataset folder"));
  m_browse->setText(tr("Choose…"));
  m_recentButton->setText(tr("Recent"));
  m_recentButton->setAccessibleName(tr("Recent dataset folders"));
  m_report->setAccessibleName(tr("Dataset report"));
  const QStringList labels{tr("Fine-&tune"),           tr("&Epochs"),           tr("&Batch size"),
                           tr("&Learning rate"),       tr("&Weight decay"),     tr("&Seed"),
                           tr("&Validation fraction"), tr("&Patience (epochs)")};
  for (int i = 0; i < m_formLabels.size(); ++i) m_formLabels[i]->setText(labels[i]);
  m_parts->setItemText(0, tr("Last layer only"));
  m_parts->setItemText(1, tr("Last stage and layer"));
  m_parts->setToolTip(
      tr("Last stage and layer: layer4 trains too, after a head-only epoch; the frozen part's "
         "output is cached on disk (up to 4 GB, oldest entries removed)"));
  m_parts->view()->setAccessibleName(tr("Fine-tune"));  // its list, when open
  m_patience->setSpecialValueText(tr("off"));
  m_patience->setToolTip(
      tr("With a validation fraction: stop after this many epochs without a "
         "better validation loss"));
  m_warmStart->setText(tr("Warm-start ImageNet's classes"));
  m_warmStart->setToolTip(
      tr("Classes named like ImageNet's (\"tabby cat\", \"tabby\") start "
         "from the pretrained layer's weights for them"));
  retranslateAdvanced();
  m_augmentLabel->setText(tr("Aug&mented views per image"));
  m_augmentViews->setSpecialValueText(tr("off"));
  m_augmentHelp->setText(
      tr("Besides its centre crop, each training image is also seen as this many random crops "
         "with flips and colour changes, one drawn per epoch; each view costs one more pass of "
         "the network over the training images the first time, and is cached after."));
  m_augmentViews->setToolTip(m_augmentHelp->text());
  m_train->setText(tr("Train"));
  m_cancel->setText(tr("Cancel"));
  m_cancel->setToolTip(tr("Stop the run (Esc); its curves are kept"));
  m_progress->setAccessibleName(tr("Training progress"));
  const int axis = m_xAxis->currentIndex();
  m_xAxis->clear();
  m_xAxis->addItems({tr("x: epochs"), tr("x: batches (steps)")});
  m_xAxis->setCurrentIndex(std::max(axis, 0));
  m_xAxis->setAccessibleName(tr("Horizontal axis of the plot"));
  m_xAxis->view()->setAccessibleName(m_xAxis->accessibleName());  // its list, when open
  m_resetView->setText(tr("Reset view"));
  m_legend->setText(tr("Le&gend"));
  m_legend->setToolTip(
      tr("Show the legend under the plot; it folds away where the plot is too short for it"));
  m_resetView->setToolTip(tr("Fit the plot to the runs shown (drag to pan, wheel to zoom)"));
  m_plot->setAccessibleName(tr("Training curves"));
  m_plot->setAccessibleDescription(m_plot->summary());
  m_plot->setToolTip(
      tr("Drag to pan, wheel to zoom; on the keyboard, arrows pan, + and - zoom, Home fits"));
  if (!m_dataset.root.empty()) showReport();
  if (m_project) refreshRuns();  // the runs' options and states, in the new language
  updateTrainButton();
  // The form keeps the width its longest label needs in this language; the report takes the rest.
  m_formScroll->widget()->adjustSize();
  m_formScroll->setMinimumWidth(m_formScroll->widget()->sizeHint().width() +
                                m_formScroll->verticalScrollBar()->sizeHint().width() + 4);
}

void TrainPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void TrainPage::setProject(Project* project) {
  m_project = project;
  connect(project, &Project::runsChanged, this, &TrainPage::refreshRuns);
  refreshRuns();
}

void TrainPage::refreshRuns() {
  if (!m_project) return;
  QVector<const Run*> all;
  for (const auto& r : m_project->runs()) all << r.get();
  if (m_current && !m_project->run(m_current->id)) m_current = nullptr;
  m_runs->setRuns(all);
  refreshPlot();
}

void TrainPage::refreshPlot() {
  QVector<const Run*> shown;
  for (const auto& r : m_project->runs())
    if (r->shown) shown << r.get();
  m_plot->setRuns(shown);
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
  m_recentButton->setEnabled(!recent.isEmpty());
}

void TrainPage::saveSettings() const {
  QSettings settings;
  // Numbers are stored in C: QSettings writes doubles locale-independently.
  settings.setValue("train/epochs", m_epochs->value());
  settings.setValue("train/batchSize", m_batch->value());
  settings.setValue("train/learningRate", m_lr->value().value_or(1e-3));
  settings.setValue("train/weightDecay", m_wd->value().value_or(1e-3));
  settings.setValue("train/seed", m_seed->value());
  settings.setValue("train/validationFraction", m_validation->value().value_or(0));
  settings.setValue("train/patience", m_patience->value());
  settings.setValue("train/warmStart", m_warmStart->isChecked());
  settings.setValue("train/schedule", m_schedule->currentData().toString());
  settings.setValue("train/warmupEpochs", m_warmup->value().value_or(0));
  settings.setValue("train/labelSmoothing", m_smoothing->value().value_or(0));
  settings.setValue("train/balance", m_balance->isChecked());
  settings.setValue("train/testTimeFlip", m_flip->isChecked());
  settings.setValue("train/augmentViews", m_augmentViews->value());
  settings.setValue("train/lastStage", m_parts->currentIndex() == 1);
}

QString TrainPage::folder() const { return m_folder->text(); }

void TrainPage::setFolder(const QString& folder) {
  m_folder->setText(folder);
  Q_EMIT scanRequested(folder);
}

void TrainPage::setDataset(const DatasetReport& report, const QVector<QImage>& thumbnails) {
  if (report.root != m_dataset.root && !m_busy) forgetProgress();
  m_dataset = report;
  m_thumbnails = thumbnails;
  m_folder->setText(QString::fromStdString(report.root));
  showReport();
  if (report.ok()) rememberFolder(QString::fromStdString(report.root));
  if (m_project) m_project->setDatasetFolder(QString::fromStdString(report.root));
  updateTrainButton();
}

void TrainPage::forgetProgress() {
  m_progress->hide();
  m_progress->setValue(0);
  setProgressText(m_progress, QString());
  m_lrPlot->setVisible(false);
}

void TrainPage::askDeleteRun(const QString& id) {
  const Run* run = m_project ? m_project->run(id) : nullptr;
  if (!run || (m_current && m_current->id == id)) return;
  QMessageBox ask(QMessageBox::Question, tr("Delete run"),
                  tr("Delete %1 from the project, with its curves and trained layer? This cannot "
                     "be undone; your images and exported files stay.")
                      .arg(run->displayName()),
                  QMessageBox::NoButton, this);
  auto* remove = ask.addButton(tr("Delete"), QMessageBox::DestructiveRole);
  ask.setDefaultButton(ask.addButton(QMessageBox::Cancel));
  ask.exec();
  if (ask.clickedButton() == remove) m_project->remove(id);
}

void TrainPage::showReport() {
  m_summary->setText(summaryHtml(m_dataset));
  m_summary->setAccessibleName(m_summary->text().remove(QRegularExpression("<[^>]*>")));
  for (int k = 0; k < m_thumbnails.size(); ++k) {
    if (!m_thumbnails[k].isNull()) {
      m_report->document()->addResource(QTextDocument::ImageResource,
                                        QUrl(QStringLiteral("thumb:%1").arg(k)), m_thumbnails[k]);
    }
  }
  m_report->setHtml(reportHtml(m_dataset, m_thumbnails));
}

void TrainPage::setBusy(bool busy) {
  m_busy = busy;
  if (busy) m_progress->show();
  m_cancel->setEnabled(busy);
  updateTrainButton();
}

bool TrainPage::optionsValid() const {
  return m_lr->isValid() && m_wd->isValid() && m_validation->isValid() && m_warmup->isValid() &&
         m_smoothing->isValid();
}

void TrainPage::updateTrainButton() {
  if (!m_train) return;  // still being built
  const bool haveData = m_dataset.ok() && !m_dataset.classes.empty();
  m_train->setEnabled(!m_busy && haveData && optionsValid());
  m_findLr->setEnabled(!m_busy && haveData && optionsValid());
  if (!optionsValid())
    m_train->setToolTip(tr("A field in red does not hold an acceptable number: see its tooltip"));
  else if (!haveData)
    m_train->setToolTip(tr("Choose a dataset folder first"));
  else
    m_train->setToolTip(QString());
}

void TrainPage::fillOptions(TrainOptions& o) const {
  o.epochs = m_epochs->value();
  o.batchSize = m_batch->value();
  // Train is enabled only while every field is valid, so the fallbacks are never used.
  o.learningRate = m_lr->value().value_or(o.learningRate);
  o.weightDecay = m_wd->value().value_or(o.weightDecay);
  o.seed = static_cast<uint64_t>(m_seed->value());
  o.validationFraction = m_validation->value().value_or(0);
  o.patience = m_patience->value();
  o.warmStart = m_warmStart->isChecked();
  o.schedule = scheduleFromName(m_schedule->currentData().toString().toStdString())
                   .value_or(LrSchedule::Constant);
  o.warmupEpochs = m_warmup->value().value_or(0);
  o.labelSmoothing = m_smoothing->value().value_or(0);
  o.balance = m_balance->isChecked();
  o.testTimeFlip = m_flip->isChecked();
  o.augment.views = m_augmentViews->value();
  o.trainLastStage = m_parts->currentIndex() == 1;
}

void TrainPage::showOptions(const TrainOptions& o) {
  m_epochs->setValue(o.epochs);
  m_batch->setValue(o.batchSize);
  m_lr->setValue(o.learningRate);
  m_wd->setValue(o.weightDecay);
  m_seed->setValue(int(o.seed));
  m_validation->setValue(o.validationFraction);
  m_patience->setValue(o.patience);
  m_warmStart->setChecked(o.warmStart);
  m_schedule->setCurrentIndex(
      std::max(0, m_schedule->findData(QString::fromLatin1(scheduleName(o.schedule)))));
  m_warmup->setValue(o.warmupEpochs);
  m_smoothing->setValue(o.labelSmoothing);
  m_balance->setChecked(o.balance);
  m_flip->setChecked(o.testTimeFlip);
  m_augmentViews->setValue(o.augment.views);
  m_parts->setCurrentIndex(o.trainLastStage ? 1 : 0);
}

Run& TrainPage::beginRun(const TrainOptions& options) {
  m_project->setOptions(options);
  Run& run = m_project->startRun(options, summarize(m_dataset));
  m_current = &run;
  m_runs->select(run.id);
  m_progress->setValue(0);
  setProgressText(m_progress, tr("Starting %1…").arg(run.displayName()));
  m_phaseClock.invalidate();
  m_saveClock.start();
  setBusy(true);
  return run;
}

void TrainPage::saveCurrentRun(bool force) {
  if (!m_current || !m_project) return;
  if (!force && m_saveClock.isValid() && m_saveClock.elapsed() < kSaveEveryMs) return;
  m_project->save(*m_current);
  m_saveClock.restart();
}

void TrainPage::onExtraction(const ExtractionProgress& p) {
  // Below a second (or with every image from the cache) a rate measures nothing but the clock.
  constexpr double kShortestTimed = 1.0;
  if (!m_busy) return;  // a saved head evaluated from the Evaluate page: not this page's job
  m_progress->setValue(p.total ? int(100 * p.done / p.total) : 100);
  QString text = tr("Reading images through the network: %1 of %2").arg(p.done).arg(p.total);
  if (p.fromCache > 0) text += tr(", %n from the cache", nullptr, int(p.fromCache));
  const double elapsed = p.imagesPerSecond > 0 ? double(p.done) / p.imagesPerSecond : 0;
  const size_t computed = p.done - std::min(p.done, p.fromCache);
  if (computed > 0 && elapsed >= kShortestTimed) {
    text += tr(", %1 images/s").arg(QLocale().toString(double(computed) / elapsed, 'f', 1));
    if (p.done < p.total) text += tr(", about %1 left").arg(seconds(p.etaSeconds));
  }
  setProgressText(m_progress, text);
}

// A last-stage run's epochs in two phases, as the user set them: the head alone first, then the
// last stage with it.
QString TrainPage::epochText(const BatchProgress& b) const {
  const int warmUp = m_current->warmUpEpochs();
  if (warmUp <= 0) return tr("Epoch %1 of %2").arg(b.epoch).arg(b.epochs);
  if (b.epoch <= warmUp) return tr("Head warm-up: epoch %1 of %2").arg(b.epoch).arg(warmUp);
  return tr("Last stage: epoch %1 of %2").arg(b.epoch - warmUp).arg(b.epochs - warmUp);
}

void TrainPage::onBatch(const BatchProgress& b) {
  if (!m_current) return;
  auto& c = m_current->curves;
  c.stepsPerEpoch = b.steps;
  const int step = (b.epoch - 1) * b.steps + b.step;
  c.steps << step;
  c.batchLoss << b.loss;
  c.runningMean << b.lossMean;
  m_plot->runChanged(*m_current);
  const int total = b.steps * b.epochs;
  // The warm-up's head-only steps are far quicker than the last stage's: the estimate is timed
  // on the phase the rest of the run is in, and none is shown until a step of it was timed.
  const bool warmingUp = b.epoch <= m_current->warmUpEpochs();
  if (!m_phaseClock.isValid() || warmingUp != m_warmingUp) {
    m_phaseClock.start();
    m_phaseFirstStep = step;
    m_warmingUp = warmingUp;
  }
  const double elapsed = m_phaseClock.elapsed() / 1000.0;
  const int done = step - m_phaseFirstStep;
  m_progress->setValue(int(100.0 * step / std::max(total, 1)));
  QString text =
      epochText(b) + tr(", mean loss so far %1").arg(QLocale().toString(b.lossMean, 'f', 3));
  if (!warmingUp && done > 0 && elapsed > 0)
    text += tr(", about %1 left").arg(seconds(elapsed / done * (total - step)));
  setProgressText(m_progress, text);
  saveCurrentRun(false);
}

void TrainPage::onEpoch(const EpochResult& e) {
  if (!m_current) return;
  m_current->curves.epochs << e;
  m_plot->runChanged(*m_current);
  m_runs->updateRun(*m_current);
  saveCurrentRun(false);
}

void TrainPage::onTrained(const TrainResult& r) {
  if (!m_current) return;
  m_current->result = r;
  m_current->options = r.options;  // as the engine received them
  m_current->dataset = r.dataset;
  m_progress->setValue(100);
  QString text =
      tr("%1 done: test accuracy %2").arg(m_current->displayName(), percent(r.test.accuracy));
  // The cached layer3 outputs of other runs made room for this one: their next run recomputes.
  if (r.mapCache.evicted > 0)
    text += QStringLiteral("; ") +
            tr("%n older cached layer3 output(s) removed to stay within the cache budget", nullptr,
               int(r.mapCache.evicted));
  setProgressText(m_progress, text);
  finishRun(RunState::Done, QString());
}

void TrainPage::onCancelled() {
  if (!m_current) return;
  const int warmUp = m_current->warmUpEpochs(), last = m_current->lastEpoch();
  const QString note =
      warmUp <= 0      ? tr("Cancelled at epoch %1 of %2").arg(last).arg(m_current->plannedEpochs())
      : last <= warmUp ? tr("Cancelled during the head warm-up, before the last stage trained")
                       : tr("Cancelled at last-stage epoch %1 of %2")
                             .arg(last - warmUp)
                             .arg(m_current->options.epochs);
  setProgressText(m_progress, note);
  finishRun(RunState::Cancelled, note);
}

void TrainPage::onFailed(const QString& message) {
  if (!m_current) {
    setBusy(false);
    return;
  }
  setProgressText(m_progress, tr("Failed: %1").arg(message));
  finishRun(RunState::Failed, message);
}

void TrainPage::beginLrFind() {
  m_progress->setValue(0);
  setProgressText(m_progress, tr("Searching for a learning rate…"));
  setBusy(true);
}

void TrainPage::onLrFindProgress(double fraction) {
  m_progress->setValue(int(std::lround(100 * fraction)));
}

void TrainPage::onLrFound(const LrFinderResult& result) {
  m_lrPlot->setResult(result);
  m_lrPlot->setVisible(true);
  m_progress->setValue(100);
  if (result.suggestion) {
    // Two significant digits, as a person would type it: the curve is not sharper than that.
    m_lr->setValue(QString::number(*result.suggestion, 'g', 2).toDouble());
    setProgressText(m_progress, tr("Suggested learning rate: %1 (now in the form)")
                                    .arg(QLocale().toString(*result.suggestion, 'g', 3)));
  } else {
    // The form keeps what it holds, typed or not yet valid: the user's choice, untouched.
    setProgressText(m_progress, tr("No clear descent; keeping the current rate %1")
                                    .arg(m_lr->value() ? QLocale().toString(*m_lr->value(), 'g', 3)
                                                       : m_lr->text()));
  }
  setBusy(false);
}

void TrainPage::onLrFindEnded(const QString& note) {
  setProgressText(m_progress, note);
  setBusy(false);
}

void TrainPage::finishRun(RunState state, const QString& note) {
  m_current->state = state;
  m_current->note = note;
  saveCurrentRun(true);
  m_plot->runChanged(*m_current);
  m_runs->updateRun(*m_current);
  m_current = nullptr;
  setBusy(false);
}

// Esc cancels a run from anywhere on the page: fields pass the key on to their page.
void TrainPage::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Escape && m_busy) {
    Q_EMIT cancelRequested();
    return;
  }
  QWidget::keyPressEvent(event);
}

void TrainPage::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void TrainPage::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (!urls.isEmpty() && urls.first().isLocalFile()) setFolder(urls.first().toLocalFile());
}

}  // namespace headstart::ui
