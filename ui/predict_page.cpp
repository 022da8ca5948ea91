#include "predict_page.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QUrl>
#include <QVBoxLayout>

namespace headstart::ui {
namespace {

const QStringList kImageFilters{"*.jpg", "*.jpeg", "*.png", "*.bmp", "*.webp", "*.tif", "*.tiff"};
constexpr int kPictureEdge = 128;

// The picture at its size on screen, drawn from the larger thumbnail at the screen's pixel
// ratio: sharp when the window is scaled.
QPixmap atScreenSize(const QImage& image, qreal ratio) {
  if (image.isNull()) return {};
  const int edge = qRound(kPictureEdge * ratio);
  QPixmap p =
      QPixmap::fromImage(image.scaled(edge, edge, Qt::KeepAspectRatio, Qt::SmoothTransformation));
  p.setDevicePixelRatio(ratio);
  return p;
}

}  // namespace

QWidget* PredictPage::makeCard(const PredictionCard& card) {
  auto* frame = new QFrame;
  frame->setFrameShape(QFrame::StyledPanel);
  frame->setObjectName(card.error.isEmpty() ? QStringLiteral("predictionCard")
                                            : QStringLiteral("errorCard"));
  auto* row = new QHBoxLayout(frame);
  auto* picture = new QLabel;
  picture->setFixedSize(kPictureEdge + 4, kPictureEdge + 4);
  picture->setAlignment(Qt::AlignCenter);
  picture->setObjectName(QStringLiteral("picture"));
  // Both pictures travel with the card; the "why" switch picks which one shows.
  const qreal ratio = devicePixelRatioF();
  picture->setProperty("plain", atScreenSize(card.thumbnail, ratio));
  picture->setProperty("why", atScreenSize(card.activation, ratio));
  if (!card.thumbnail.isNull()) picture->setPixmap(picture->property("plain").value<QPixmap>());
  row->addWidget(picture);
  auto* column = new QVBoxLayout;
  auto* titleRow = new QHBoxLayout;
  const QString file = QFileInfo(card.path).fileName();
  auto* name = new QLabel(QStringLiteral("<b>%1</b>").arg(file.toHtmlEscaped()));
  name->setObjectName(QStringLiteral("fileName"));
  name->setToolTip(card.path);
  titleRow->addWidget(name, 1);
  const QString source =
      card.classifier.isEmpty() ? tr("ImageNet classes") : tr("classes of %1").arg(card.classifier);
  auto* by = new QLabel(source);
  by->setObjectName(QStringLiteral("classifier"));
  by->setStyleSheet(QStringLiteral("color: #666"));
  titleRow->addWidget(by);
  auto* remove = new QPushButton(QStringLiteral("×"));
  remove->setObjectName(QStringLiteral("removeCard"));
  remove->setAccessibleName(tr("Remove %1").arg(file));
  remove->setToolTip(tr("Remove this card"));
  remove->setFixedWidth(remove->sizeHint().height());
  connect(remove, &QPushButton::clicked, frame, &QObject::deleteLater);
  titleRow->addWidget(remove);
  column->addLayout(titleRow);
  if (!card.error.isEmpty()) {
    auto* error = new QLabel(card.error);
    error->setObjectName(QStringLiteral("error"));
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #b00020"));
    column->addWidget(error);
    frame->setAccessibleName(tr("%1: could not be read").arg(file));
    frame->setAccessibleDescription(card.error);
  }
  const QLocale l;
  for (int i = 0; i < card.labels.size(); ++i) {
    auto* bar = new QProgressBar;
    bar->setRange(0, 1000);
    bar->setValue(qRound(card.probabilities[i] * 1000));
    const QString text =
        QStringLiteral("%1: %2 %")
            .arg(card.labels[i], l.toString(100.0 * card.probabilities[i], 'f', 1));
    bar->setFormat(text);
    bar->setTextVisible(true);
    bar->setAccessibleName(text);
    column->addWidget(bar);
  }
  if (!card.labels.isEmpty()) {
    frame->setAccessibleName(
        tr("%1: %2, %3 %")
            .arg(file, card.labels[0], l.toString(100.0 * card.probabilities[0], 'f', 1)));
    frame->setAccessibleDescription(source);
  }
  column->addStretch();
  row->addLayout(column, 1);
  return frame;
}

PredictPage::PredictPage(QWidget* parent) : QWidget(parent) {
  setAcceptDrops(true);
  auto* layout = new QVBoxLayout(this);
  // The description and its switch on one row, the buttons on the next: in one row, Russian
  // texts at a scale factor of 2 made the page wider than a 1400 px screen.
  auto* top = new QHBoxLayout;
  auto* buttons = new QHBoxLayout;
  m_model = new QLabel;
  m_model->setObjectName(QStringLiteral("modelDescription"));
  top->addWidget(m_model, 1);
  m_model->setWordWrap(true);
  m_showWhy = new QCheckBox;
  connect(m_showWhy, &QCheckBox::toggled, this, &PredictPage::setShowActivation);
  top->addWidget(m_showWhy);
  m_open = new QPushButton;
  m_paste = new QPushButton;
  m_clear = new QPushButton;
  m_folder = new QPushButton;
  m_folder->setObjectName(QStringLiteral("predictFolder"));
  connect(m_folder, &QPushButton::clicked, this, &PredictPage::openFolder);
  connect(m_open, &QPushButton::clicked, this, &PredictPage::openImages);
  connect(m_paste, &QPushButton::clicked, this, &PredictPage::pasteImage);
  connect(m_clear, &QPushButton::clicked, this, &PredictPage::clearCards);
  buttons->addWidget(m_open);
  buttons->addWidget(m_folder);
  buttons->addWidget(m_paste);
  buttons->addWidget(m_clear);
  buttons->addStretch();
  layout->addLayout(top);
  layout->addLayout(buttons);
  m_progress = new QProgressBar;
  m_progress->hide();
  layout->addWidget(m_progress);
  m_hint = new QLabel;
  m_hint->setObjectName(QStringLiteral("hint"));
  m_hint->setWordWrap(true);
  m_hint->setAlignment(Qt::AlignCenter);
  m_hint->setMinimumHeight(80);
  m_hint->setStyleSheet(QStringLiteral("border: 2px dashed #999; color: #555"));
  layout->addWidget(m_hint);
  m_scroll = new QScrollArea;
  m_scroll->setWidgetResizable(true);
  auto* holder = new QWidget;
  m_cards = new QVBoxLayout(holder);
  m_cards->addStretch();
  m_scroll->setWidget(holder);
  layout->addWidget(m_scroll, 1);
  retranslate();
}

void PredictPage::retranslate() {
  m_showWhy->setText(tr("Show why (class activation map)"));
  m_showWhy->setToolTip(
      tr("Colours the part of the network's view that most supports the top class"));
  m_open->setText(tr("Open images…"));
  m_folder->setText(tr("Predict a folder…"));
  m_folder->setToolTip(
      tr("Every image in a folder and its subfolders, in a table you can sort, filter, save as "
         "CSV and sort into class folders"));
  m_paste->setText(tr("Paste"));
  m_paste->setToolTip(tr("Paste an image, or the path of an image file (Ctrl+V)"));
  m_clear->setText(tr("Clear"));
  m_clear->setToolTip(tr("Remove every card"));
  m_hint->setText(
      tr("Drop images or folders here, or use \"Open images…\" or \"Paste\" above "
         "(Ctrl+O, Ctrl+V)."));
  m_progress->setAccessibleName(tr("Prediction progress"));
  m_scroll->setAccessibleName(tr("Predictions"));
}

void PredictPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

QStringList PredictPage::imagesIn(const QStringList& paths) {
  QStringList images;
  for (const auto& path : paths) {
    const QFileInfo info(path);
    if (info.isDir()) {
      for (const auto& entry : QDir(path).entryInfoList(kImageFilters, QDir::Files, QDir::Name)) {
        images << entry.absoluteFilePath();
      }
    } else {
      images << info.absoluteFilePath();
    }
  }
  return images;
}

void PredictPage::openImages() {
  const auto files = QFileDialog::getOpenFileNames(this, tr("Open images"), QString(),
                                                   tr("Images (%1)").arg(kImageFilters.join(' ')));
  if (!files.isEmpty()) Q_EMIT imagesChosen(files);
}

void PredictPage::openFolder() {
  const auto folder = QFileDialog::getExistingDirectory(this, tr("Predict a folder"));
  if (!folder.isEmpty()) Q_EMIT folderChosen(folder);
}

void PredictPage::pasteImage() {
  const QMimeData* mime = QApplication::clipboard()->mimeData();
  if (mime && mime->hasUrls()) {
    QStringList files;
    for (const auto& url : mime->urls()) {
      if (url.isLocalFile()) files << url.toLocalFile();
    }
    if (!files.isEmpty()) Q_EMIT imagesChosen(imagesIn(files));
    return;
  }
  // A path copied as text (from a terminal, a file manager's "copy path") opens that file.
  if (mime && mime->hasText() && !mime->hasImage()) {
    QStringList files;
    for (const auto& line : mime->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
      QString path = line.trimmed();
      if (path.size() > 1 &&
          (path.startsWith(QLatin1Char('"')) || path.startsWith(QLatin1Char('\''))))
        path = path.mid(1, path.size() - 2);
      if (path.startsWith(QLatin1String("file://"))) path = QUrl(path).toLocalFile();
      if (QFileInfo::exists(path)) files << path;
    }
    if (!files.isEmpty()) Q_EMIT imagesChosen(imagesIn(files));
    return;
  }
  const QImage image = QApplication::clipboard()->image();
  if (image.isNull()) return;
  const QString path = m_pasted.filePath(QStringLiteral("pasted-%1.png").arg(++m_pasteCount));
  if (image.convertToFormat(QImage::Format_RGB888).save(path)) Q_EMIT imagesChosen({path});
}

void PredictPage::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void PredictPage::dropEvent(QDropEvent* event) {
  QStringList files;
  for (const auto& url : event->mimeData()->urls()) {
    if (url.isLocalFile()) files << url.toLocalFile();
  }
  event->acceptProposedAction();
  if (!files.isEmpty()) Q_EMIT imagesChosen(imagesIn(files));
}

// Newest first, in the order they were given, above the earlier results; the view goes up to them.
void PredictPage::showCards(const QVector<PredictionCard>& cards) {
  m_hint->hide();
  // Cards removed meanwhile shift the places; the stretch stays last.
  m_batchStart = qBound(0, m_batchStart, m_cards->count() - 1);
  for (const auto& card : cards) m_cards->insertWidget(m_batchStart++, makeCard(card));
  setShowActivation(showingActivation());
  m_scroll->verticalScrollBar()->setValue(0);
}

void PredictPage::setProgress(int done, int total) {
  if (done == 0) m_batchStart = 0;  // a new request: its cards go on top, in order
  m_progress->setVisible(done < total);
  m_progress->setRange(0, std::max(total, 1));
  m_progress->setValue(done);
  const QString text = tr("Predicting: %1 of %2").arg(done).arg(total);
  m_progress->setFormat(text);
  m_progress->setAccessibleDescription(text);  // the value alone is a bare percentage
}

void PredictPage::clearCards() {
  for (auto* card :
       m_scroll->widget()->findChildren<QFrame*>(QString(), Qt::FindDirectChildrenOnly))
    delete card;
  m_hint->show();
}

bool PredictPage::showingActivation() const { return m_showWhy->isChecked(); }

void PredictPage::setShowActivation(bool show) {
  if (m_showWhy->isChecked() != show) m_showWhy->setChecked(show);
  for (auto* picture : findChildren<QLabel*>(QStringLiteral("picture"))) {
    const auto pixmap = picture->property(show ? "why" : "plain").value<QPixmap>();
    if (!pixmap.isNull()) picture->setPixmap(pixmap);
  }
}

void PredictPage::setModelDescription(const QString& text) { m_model->setText(text); }

int PredictPage::cardCount() const {
  return int(
      m_scroll->widget()->findChildren<QFrame*>(QString(), Qt::FindDirectChildrenOnly).size());
}

}  // namespace headstart::ui
