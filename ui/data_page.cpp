#include "data_page.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QImageReader>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSplitter>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "data_map.h"
#include "headstart/dataset_edit.h"
#include "headstart/error.h"

namespace headstart::ui {
namespace {

constexpr int kThumbnail = 64;
enum Kind { Labels = 0, Duplicates = 1, Outliers = 2 };

// One thumbnail, or a pair side by side: a duplicate is judged by looking at both.
QImage thumbnails(const QStringList& paths) {
  QImage strip(kThumbnail * int(paths.size()) + 4 * int(paths.size() - 1), kThumbnail,
               QImage::Format_ARGB32_Premultiplied);
  strip.fill(Qt::transparent);
  QPainter painter(&strip);
  for (int i = 0; i < paths.size(); ++i) {
    QImageReader reader(paths[i]);
    reader.setAutoTransform(false);
    const QSize size = reader.size();
    if (size.isValid())
      reader.setScaledSize(size.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio));
    const QImage image = reader.read();
    const int left = i * (kThumbnail + 4);
    painter.drawImage(left + (kThumbnail - image.width()) / 2, (kThumbnail - image.height()) / 2,
                      image);
  }
  return strip;
}

QString percent(double fraction) {
  return QLocale().toString(100 * fraction, 'f', 0) + QStringLiteral(" %");
}

QString fileName(const QString& path) { return QFileInfo(path).fileName(); }

// Where a move to class `cls` puts the image, as headstart::moveToClass chooses it: the class
// folder of the image's split (or of the root, for a dataset of class folders only).
QString classFolder(const QString& root, const QString& image, const QString& cls) {
  const QDir base(root);
  const QStringList parts = base.relativeFilePath(image).split(QLatin1Char('/'));
  return base.exists(QStringLiteral("train")) ? base.filePath(parts.value(0) + "/" + cls)
                                              : base.filePath(cls);
}

QString stageText(const std::string& stage) {
  if (stage == "features") return DataPage::tr("Reading the images");
  if (stage == "hashes") return DataPage::tr("Comparing pictures");
  if (stage == "labels") return DataPage::tr("Checking labels");
  if (stage == "duplicates") return DataPage::tr("Finding duplicates");
  if (stage == "outliers") return DataPage::tr("Finding outliers");
  if (stage == "map") return DataPage::tr("Drawing the map");
  return QString::fromStdString(stage);
}

}  // namespace

DataPage::DataPage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  m_datasetLabel = new QLabel;
  m_datasetLabel->setWordWrap(true);
  m_run = new QPushButton;
  m_cancel = new QPushButton;
  top->addWidget(m_datasetLabel, 1);
  top->addWidget(m_run);
  top->addWidget(m_cancel);
  layout->addLayout(top);
  m_progress = new QProgressBar;
  m_progress->setRange(0, 1);
  m_progress->setValue(0);
  m_progress->setTextVisible(true);
  m_progress->hide();  // until the first check: an empty bar at 0% reads as a stalled check
  layout->addWidget(m_progress);
  m_summary = new QLabel;
  m_summary->setWordWrap(true);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  layout->addWidget(m_summary);

  auto* split = new QSplitter;
  m_map = new DataMap;
  split->addWidget(m_map);
  auto* findings = new QWidget;
  auto* findingsLayout = new QVBoxLayout(findings);
  findingsLayout->setContentsMargins(0, 0, 0, 0);
  for (int k = 0; k < 3; ++k) {
    m_listLabels[k] = new QLabel;
    m_lists[k] = new QListWidget;
    m_lists[k]->setIconSize(QSize(2 * kThumbnail + 4, kThumbnail));
    m_lists[k]->setWordWrap(true);
    m_lists[k]->setMinimumHeight(90);
    m_listLabels[k]->setBuddy(m_lists[k]);
    findingsLayout->addWidget(m_listLabels[k]);
    findingsLayout->addWidget(m_lists[k], 1);
    connect(m_lists[k], &QListWidget::currentItemChanged, this, [this, k] {
      m_active = m_lists[k];
      updateActions();
      highlightChosen();
    });
    connect(m_lists[k], &QListWidget::itemSelectionChanged, this, [this, k] {
      if (m_active == m_lists[k]) highlightChosen();
    });
    connect(m_lists[k], &QListWidget::itemActivated, this, [this] { openChosenFolder(); });
  }
  split->addWidget(findings);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  layout->addWidget(split, 1);

  auto* actions = new QHBoxLayout;
  m_whichLabel = new QLabel;
  m_which = new QComboBox;
  m_whichLabel->setBuddy(m_which);
  m_open = new QPushButton;
  m_exclude = new QPushButton;
  m_move = new QPushButton;
  m_undo = new QPushButton;
  actions->addWidget(m_whichLabel);
  actions->addWidget(m_which, 1);
  for (auto* b : {m_open, m_exclude, m_move, m_undo}) actions->addWidget(b);
  layout->addLayout(actions);
  m_result = new QLabel;
  m_result->setWordWrap(true);
  m_result->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  layout->addWidget(m_result);

  connect(m_run, &QPushButton::clicked, this, &DataPage::runRequested);
  connect(m_cancel, &QPushButton::clicked, this, &DataPage::cancelRequested);
  connect(m_open, &QPushButton::clicked, this, &DataPage::openChosenFolder);
  connect(m_exclude, &QPushButton::clicked, this, &DataPage::toggleExclusion);
  connect(m_move, &QPushButton::clicked, this, &DataPage::moveChosen);
  connect(m_undo, &QPushButton::clicked, this, &DataPage::undoLastMove);
  connect(m_which, &QComboBox::currentIndexChanged, this, [this] { updateActions(); });
  connect(m_map, &DataMap::pointActivated, this, &DataPage::showFinding);
  retranslate();
  setBusy(false);
}

void DataPage::retranslate() {
  m_run->setText(tr("Check the dataset"));
  m_run->setToolTip(
      tr("Look for likely wrong labels, near-duplicates and outliers in the Train page's "
         "dataset"));
  m_cancel->setText(tr("Cancel"));
  m_progress->setAccessibleName(tr("Dataset check progress"));
  m_summary->setAccessibleName(tr("Dataset check summary"));
  m_result->setAccessibleName(tr("Last action"));
  m_whichLabel->setText(tr("&Image:"));
  m_which->setAccessibleName(tr("Image to act on"));
  m_which->view()->setAccessibleName(m_which->accessibleName());  // its list, when open
  m_which->setToolTip(tr("For a pair of duplicates: which of the two images the buttons act on"));
  m_open->setText(tr("Show in folder"));
  m_open->setToolTip(tr("Open the folder that holds the image"));
  m_move->setToolTip(
      tr("Move the image into the suggested class folder of its split, after asking; nothing "
         "is overwritten"));
  m_undo->setText(tr("Undo last move"));
  m_undo->setToolTip(tr("Move the last moved image back to where it was"));
  setDataset({});
  if (m_hasReport) fillLists();
  showSummary();
  updateActions();
}

void DataPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void DataPage::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Escape && m_busy) return Q_EMIT cancelRequested();
  QWidget::keyPressEvent(event);
}

void DataPage::setDataset(const DatasetReport& report) {
  if (!report.root.empty()) {
    m_datasetRoot = QString::fromStdString(report.root);
    m_datasetOk = report.ok();
  }
  m_datasetLabel->setText(m_datasetRoot.isEmpty()
                              ? tr("Choose a dataset on the Train page, then check it here.")
                              : tr("Dataset: %1").arg(QDir::toNativeSeparators(m_datasetRoot)));
  m_run->setEnabled(!m_busy && m_datasetOk);
  // Before any check, the actions that need no finding (Undo) act on this dataset: a move made
  // before a restart is undone after it.
  if (!m_hasReport && m_root != m_datasetRoot) {
    m_root = m_datasetRoot;
    readExcluded();
    updateActions();
  }
}

void DataPage::setBusy(bool busy) {
  m_busy = busy;
  // The focus passes between Check and Cancel: a disabled button would hand it to the next
  // widget down, and the page would scroll there, away from the progress bar.
  QPushButton* from = busy ? m_run : m_cancel;
  QPushButton* to = busy ? m_cancel : m_run;
  to->setEnabled(busy || m_datasetOk);
  if (from->hasFocus() && to->isEnabled()) to->setFocus();
  from->setEnabled(false);
  if (busy) {
    m_progress->show();
    m_progress->setRange(0, 0);
    m_result->clear();
  }
  updateActions();
}

void DataPage::onProgress(const DoctorProgress& p) {
  m_progress->setRange(0, int(std::max<size_t>(p.total, 1)));
  m_progress->setValue(int(std::min(p.done, std::max<size_t>(p.total, 1))));
  const QString text = tr("%1: %2 of %3").arg(stageText(p.stage)).arg(p.done).arg(p.total);
  m_progress->setFormat(text);
  m_progress->setAccessibleDescription(text);
}

void DataPage::onCancelled() {
  setBusy(false);
  m_progress->setRange(0, 1);
  m_progress->setValue(0);
  m_progress->setFormat(tr("Check cancelled"));
  m_progress->setAccessibleDescription(m_progress->format());
}

void DataPage::onFailed(const QString& message) {
  setBusy(false);
  m_progress->setRange(0, 1);
  m_progress->setValue(0);
  m_progress->setFormat(tr("Check failed"));
  m_progress->setAccessibleDescription(m_progress->format());
  m_summary->setText(message);
}

void DataPage::showReport(const DoctorReport& report) {
  m_report = report;
  m_hasReport = true;
  m_moved.clear();
  readExcluded();
  m_root = QString::fromStdString(report.dataset.root);
  setBusy(false);
  m_progress->setRange(0, 1);
  m_progress->setValue(1);
  m_progress->setFormat(tr("Checked in %1 s").arg(QLocale().toString(report.seconds, 'f', 1)));
  m_progress->setAccessibleDescription(m_progress->format());
  QStringList classes;
  for (const auto& c : report.classes) classes << QString::fromStdString(c);
  m_map->setPoints(report.map, classes);
  fillLists();
  showSummary();
}

void DataPage::showSummary() {
  const QString names[] = {tr("Likely wrong labels"), tr("Near-duplicates"), tr("Outliers")};
  const QString mnemonics[] = {tr("Likely wrong &labels"), tr("Near-&duplicates"), tr("&Outliers")};
  const size_t counts[] = {m_report.labels.size(), m_report.duplicates.size(),
                           m_report.outliers.size()};
  for (int k = 0; k < 3; ++k) {
    m_lists[k]->setAccessibleName(names[k]);
    m_listLabels[k]->setText(m_hasReport ? tr("%1 (%2)").arg(mnemonics[k]).arg(counts[k])
                                         : mnemonics[k]);
  }
  if (!m_hasReport) {
    m_summary->setText(
        tr("The check finds images whose label looks wrong, near-duplicates (also between train "
           "and test) and outliers, and draws a map of the dataset."));
    return;
  }
  int leaks = 0;
  for (const auto& d : m_report.duplicates) leaks += d.relation == DuplicateRelation::Leak;
  QStringList parts{tr("%n likely wrong label(s)", nullptr, int(m_report.labels.size())),
                    tr("%n near-duplicate pair(s)", nullptr, int(m_report.duplicates.size())),
                    tr("%n between train and test", nullptr, leaks),
                    tr("%n outlier(s)", nullptr, int(m_report.outliers.size()))};
  if (!m_report.unreadable.empty())
    parts << tr("%n image(s) could not be read", nullptr, int(m_report.unreadable.size()));
  m_summary->setText(tr("%n image(s) checked: ", nullptr,
                        int(m_report.dataset.trainImages + m_report.dataset.testImages)) +
                     parts.join(QStringLiteral(", ")));
}

void DataPage::addFinding(int kind, const QStringList& paths, const QStringList& suggested,
                          const QString& text) {
  auto* item = new QListWidgetItem(text);
  item->setData(KindRole, kind);
  QStringList now;
  for (const auto& p : paths) now << m_moved.value(p, p);
  item->setData(PathsRole, now);
  item->setData(ReportedRole, paths);
  item->setData(SuggestedRole, suggested);
  item->setData(TextRole, text);
  m_lists[kind]->addItem(item);
  describeItem(item);
}

void DataPage::fillLists() {
  const auto name = [this](int c) {
    return c >= 0 && size_t(c) < m_report.classes.size()
               ? QString::fromStdString(m_report.classes[size_t(c)])
               : QString();
  };
  const auto split = [](DataSplit s) { return s == DataSplit::Test ? tr("test") : tr("train"); };
  for (auto* list : m_lists) list->clear();
  for (const auto& f : m_report.labels) {
    const QString path = QString::fromStdString(f.path);
    addFinding(Labels, {path}, {name(f.suggested)},
               tr("%1 (%2): labelled %3, more likely %4 (%5 sure)")
                   .arg(fileName(path), split(f.split), name(f.labelled), name(f.suggested),
                        percent(f.confidence)));
  }
  for (const auto& d : m_report.duplicates) {
    const QString a = QString::fromStdString(d.a), b = QString::fromStdString(d.b);
    QString relation;
    if (d.relation == DuplicateRelation::Leak)
      relation = tr("one in train, one in test");
    else if (d.relation == DuplicateRelation::SameClass)
      relation = tr("both %1").arg(name(d.labelA));
    else
      relation = tr("%1 and %2: one label is wrong").arg(name(d.labelA), name(d.labelB));
    const bool cross = d.relation == DuplicateRelation::CrossClass;
    addFinding(Duplicates, {a, b},
               {cross ? name(d.labelB) : QString(), cross ? name(d.labelA) : QString()},
               tr("%1 (%2) and %3 (%4): %5, similarity %6")
                   .arg(fileName(a), split(d.splitA), fileName(b), split(d.splitB), relation,
                        percent(d.similarity)));
  }
  for (const auto& o : m_report.outliers) {
    const QString path = QString::fromStdString(o.path);
    addFinding(Outliers, {path}, {QString()},
               o.blank ? tr("%1 (%2, %3): blank or nearly uniform image")
                             .arg(fileName(path), split(o.split), name(o.label))
                       : tr("%1 (%2, %3): far from its class and its neighbours, score %4")
                             .arg(fileName(path), split(o.split), name(o.label))
                             .arg(QLocale().toString(o.score, 'f', 2)));
  }
  loadThumbnails();
  updateActions();
}

// Thumbnails are read on a pool thread: hundreds of findings must not freeze the window.
void DataPage::loadThumbnails() {
  QVector<QListWidgetItem*> items;
  QVector<QStringList> paths;
  for (auto* list : m_lists) {
    for (int i = 0; i < list->count(); ++i) {
      items << list->item(i);
      paths << list->item(i)->data(PathsRole).toStringList();
    }
  }
  const int generation = ++m_generation;
  auto* watcher = new QFutureWatcher<QImage>(this);
  connect(watcher, &QFutureWatcher<QImage>::resultReadyAt, this,
          [this, watcher, items, generation](int i) {
            if (generation == m_generation)
              items[i]->setIcon(QIcon(QPixmap::fromImage(watcher->resultAt(i))));
          });
  connect(watcher, &QFutureWatcher<QImage>::finished, watcher, &QObject::deleteLater);
  watcher->setFuture(QtConcurrent::mapped(paths, thumbnails));
}

// The finding as reported, then what was done about it since.
void DataPage::describeItem(QListWidgetItem* item) {
  const QString base = item->data(TextRole).toString();
  const QStringList paths = item->data(PathsRole).toStringList();
  const QStringList reported = item->data(ReportedRole).toStringList();
  QStringList notes;
  for (int i = 0; i < paths.size(); ++i) {
    if (isExcluded(paths[i])) notes << tr("%1 excluded from training").arg(fileName(paths[i]));
    if (paths[i] != reported.value(i))
      notes << tr("%1 moved to %2")
                   .arg(fileName(reported.value(i)), QFileInfo(paths[i]).dir().dirName());
  }
  item->setText(notes.isEmpty() ? base : base + QStringLiteral(" — ") + notes.join("; "));
  item->setToolTip(paths.join(QLatin1Char('\n')));
  QFont font = item->font();
  font.setItalic(!notes.isEmpty());
  item->setFont(font);
}

// The map rings the images of the finding chosen in a list, and nothing once it is deselected.
void DataPage::highlightChosen() {
  const auto* item = currentItem();
  m_map->highlight(item && item->isSelected() ? item->data(PathsRole).toStringList()
                                              : QStringList());
}

QListWidgetItem* DataPage::currentItem() const {
  return m_active ? m_active->currentItem() : nullptr;
}

int DataPage::chosenIndex() const {
  const auto* item = currentItem();
  if (!item || item->data(KindRole).toInt() != Duplicates) return 0;
  return std::max(0, m_which->currentIndex());
}

QString DataPage::chosenImage() const {
  const auto* item = currentItem();
  if (!item) return {};
  return item->data(PathsRole).toStringList().value(chosenIndex());
}

QString DataPage::suggestedClass() const {
  const auto* item = currentItem();
  if (!item) return {};
  const QString suggested = item->data(SuggestedRole).toStringList().value(chosenIndex());
  // Once moved there, there is nothing left to suggest.
  return QFileInfo(chosenImage()).dir().dirName() == suggested ? QString() : suggested;
}

bool DataPage::isExcluded(const QString& path) const {
  return m_excluded.contains(QDir::cleanPath(path));
}

void DataPage::readExcluded() {
  m_excluded.clear();
  if (m_root.isEmpty()) return;
  try {
    for (const auto& p : readExclusions(m_root.toStdString()))
      m_excluded.insert(QDir::cleanPath(QDir(m_root).filePath(QString::fromStdString(p))));
  } catch (const Error& e) {
    reportAction(QString::fromStdString(e.what()));  // and the buttons say it again when used
  }
}

void DataPage::updateActions() {
  const auto* item = currentItem();
  const bool idle = !m_busy && item;
  // The image choice follows the finding: both images of a pair, else the one image.
  const QStringList paths = item ? item->data(PathsRole).toStringList() : QStringList();
  if (paths != m_whichPaths) {
    m_whichPaths = paths;
    QStringList names;
    for (const auto& p : paths) names << fileName(p);
    const QSignalBlocker block(m_which);
    m_which->clear();
    m_which->addItems(names);
    // Of a leak, the test image is the one to act on: the test set must not contain train images.
    if (item && item->data(KindRole).toInt() == Duplicates) {
      const auto& d = m_report.duplicates[size_t(m_active->row(item))];
      m_which->setCurrentIndex(
          d.relation == DuplicateRelation::Leak && d.splitA == DataSplit::Test ? 0 : 1);
    }
  }
  m_which->setEnabled(idle && paths.size() > 1);
  m_open->setEnabled(idle);
  m_exclude->setEnabled(idle);
  m_exclude->setText(idle && isExcluded(chosenImage()) ? tr("Include in training")
                                                       : tr("Exclude from training"));
  const QString suggested = suggestedClass();
  m_move->setEnabled(idle && !suggested.isEmpty());
  m_move->setText(suggested.isEmpty() ? tr("Move to suggested class")
                                      : tr("Move to %1").arg(suggested));
  bool undoable = false;
  try {
    if (!m_root.isEmpty())
      for (const auto& m : readJournal(m_root.toStdString())) undoable = undoable || !m.undone;
  } catch (const Error&) {
  }
  m_undo->setEnabled(!m_busy && undoable);
}

void DataPage::reportAction(const QString& text) {
  m_result->setText(text);
  m_result->setAccessibleDescription(text);
}

void DataPage::openChosenFolder() {
  const QString path = chosenImage();
  if (path.isEmpty()) return;
  const QString folder = QFileInfo(path).absolutePath();
  if (!QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
    reportAction(tr("Could not open %1").arg(QDir::toNativeSeparators(folder)));
}

void DataPage::toggleExclusion() {
  const QString path = chosenImage();
  if (path.isEmpty()) return;
  const bool include = isExcluded(path);
  try {
    if (include)
      includeImage(m_root.toStdString(), path.toStdString());
    else
      excludeImage(m_root.toStdString(), path.toStdString());
  } catch (const std::exception& e) {
    return reportAction(QString::fromStdString(e.what()));
  }
  readExcluded();
  for (auto* list : m_lists)
    for (int i = 0; i < list->count(); ++i)
      if (list->item(i)->data(PathsRole).toStringList().contains(path)) describeItem(list->item(i));
  reportAction(include ? tr("%1 is used for training again").arg(fileName(path))
                       : tr("%1 is left out of training; the file stays where it is (listed in "
                            "%2)")
                             .arg(fileName(path), QDir::toNativeSeparators(QString::fromStdString(
                                                      exclusionsFile(m_root.toStdString())))));
  updateActions();
  Q_EMIT datasetChanged();
}

void DataPage::moveChosen() {
  const QString path = chosenImage(), cls = suggestedClass();
  if (path.isEmpty() || cls.isEmpty()) return;
  const QString from = QDir::toNativeSeparators(path);
  const QString to = QDir::toNativeSeparators(classFolder(m_root, path, cls));
  const auto answer = QMessageBox::question(
      this, tr("Move the image"),
      tr("Move %1\nto the folder %2?\n\nNothing is overwritten: if that folder has a file of the "
         "same name, the moved one gets a number. Undo moves it back.")
          .arg(from, to));
  if (answer != QMessageBox::Yes) return;
  try {
    const auto move = moveToClass(m_root.toStdString(), path.toStdString(), cls.toStdString());
    const QString now = QDir(m_root).filePath(QString::fromStdString(move.to));
    replacePath(path, now);
    readExcluded();  // an excluded image stays excluded under its new name
    reportAction(tr("Moved %1 to %2").arg(fileName(path), QDir::toNativeSeparators(now)));
  } catch (const std::exception& e) {
    return reportAction(QString::fromStdString(e.what()));
  }
  updateActions();
  Q_EMIT datasetChanged();
}

void DataPage::undoLastMove() {
  if (m_root.isEmpty()) return;
  try {
    const auto move = headstart::undoLastMove(m_root.toStdString());
    const QString was = QDir(m_root).filePath(QString::fromStdString(move.from));
    replacePath(QDir(m_root).filePath(QString::fromStdString(move.to)), was);
    readExcluded();
    reportAction(tr("Moved %1 back to %2")
                     .arg(fileName(was), QDir::toNativeSeparators(QFileInfo(was).absolutePath())));
  } catch (const std::exception& e) {
    return reportAction(QString::fromStdString(e.what()));
  }
  updateActions();
  Q_EMIT datasetChanged();
}

// Every finding naming the file follows it to its new place, also when the lists are rebuilt.
void DataPage::replacePath(const QString& from, const QString& to) {
  bool known = false;
  for (auto it = m_moved.begin(); it != m_moved.end(); ++it) {
    if (it.value() != from) continue;
    it.value() = to;
    known = true;
  }
  if (!known) m_moved.insert(from, to);
  m_map->replacePath(from, to);
  for (auto* list : m_lists) {
    for (int i = 0; i < list->count(); ++i) {
      auto* item = list->item(i);
      QStringList paths = item->data(PathsRole).toStringList();
      if (!paths.contains(from)) continue;
      paths.replaceInStrings(
          QRegularExpression(QStringLiteral("^") + QRegularExpression::escape(from) +
                             QStringLiteral("$")),
          to);
      item->setData(PathsRole, paths);
      describeItem(item);
    }
  }
}

// A dot chosen on the map selects the first finding naming its image.
void DataPage::showFinding(const QString& path) {
  for (auto* list : m_lists) {
    for (int i = 0; i < list->count(); ++i) {
      if (!list->item(i)->data(PathsRole).toStringList().contains(path)) continue;
      list->setCurrentRow(i);
      list->setFocus(Qt::OtherFocusReason);
      return;
    }
  }
}

}  // namespace headstart::ui
