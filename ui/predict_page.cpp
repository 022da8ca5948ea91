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
#include <QVBoxLayout>

namespace headstart::ui {
namespace {

const QStringList kImageFilters{"*.jpg", "*.jpeg", "*.png", "*.bmp", "*.webp", "*.tif", "*.tiff"};

QWidget* makeCard(const PredictionCard& card) {
  auto* frame = new QFrame;
  frame->setFrameShape(QFrame::StyledPanel);
  frame->setObjectName(card.error.isEmpty() ? QStringLiteral("predictionCard")
                                            : QStringLiteral("errorCard"));
  auto* row = new QHBoxLayout(frame);
  auto* picture = new QLabel;
  picture->setFixedSize(132, 132);
  picture->setAlignment(Qt::AlignCenter);
  picture->setObjectName(QStringLiteral("picture"));
  // Both pictures travel with the card; the "why" switch picks which one shows.
  picture->setProperty("plain", QPixmap::fromImage(card.thumbnail));
  picture->setProperty("why", QPixmap::fromImage(card.activation));
  if (!card.thumbnail.isNull()) picture->setPixmap(QPixmap::fromImage(card.thumbnail));
  row->addWidget(picture);
  auto* column = new QVBoxLayout;
  auto* name =
      new QLabel(QStringLiteral("<b>%1</b>").arg(QFileInfo(card.path).fileName().toHtmlEscaped()));
  name->setToolTip(card.path);
  column->addWidget(name);
  if (!card.error.isEmpty()) {
    auto* error = new QLabel(card.error);
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #b00020"));
    column->addWidget(error);
  }
  for (int i = 0; i < card.labels.size(); ++i) {
    auto* bar = new QProgressBar;
    bar->setRange(0, 1000);
    bar->setValue(qRound(card.probabilities[i] * 1000));
    bar->setFormat(
        QStringLiteral("%1: %2").arg(card.labels[i]).arg(card.probabilities[i], 0, 'f', 4));
    bar->setTextVisible(true);
    column->addWidget(bar);
  }
  column->addStretch();
  row->addLayout(column, 1);
  return frame;
}

}  // namespace

PredictPage::PredictPage(QWidget* parent) : QWidget(parent) {
  setAcceptDrops(true);
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  m_model = new QLabel;
  top->addWidget(m_model, 1);
  m_showWhy = new QCheckBox(tr("Show why (class activation map)"));
  m_showWhy->setToolTip(
      tr("Colours the part of the network's view that most supports the top class"));
  connect(m_showWhy, &QCheckBox::toggled, this, &PredictPage::setShowActivation);
  top->addWidget(m_showWhy);
  auto* open = new QPushButton(tr("Open images…"));
  auto* paste = new QPushButton(tr("Paste"));
  connect(open, &QPushButton::clicked, this, &PredictPage::openImages);
  connect(paste, &QPushButton::clicked, this, &PredictPage::pasteImage);
  top->addWidget(open);
  top->addWidget(paste);
  layout->addLayout(top);
  m_hint = new QLabel(tr("Drop images or folders here, open them, or paste an image (Ctrl+V)."));
  m_hint->setAlignment(Qt::AlignCenter);
  m_hint->setMinimumHeight(80);
  m_hint->setStyleSheet(QStringLiteral("border: 2px dashed #999; color: #555"));
  layout->addWidget(m_hint);
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  auto* holder = new QWidget;
  m_cards = new QVBoxLayout(holder);
  m_cards->addStretch();
  scroll->setWidget(holder);
  layout->addWidget(scroll, 1);
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

void PredictPage::showCards(const QVector<PredictionCard>& cards) {
  m_hint->hide();
  // Newest first, above the earlier results.
  for (auto it = cards.rbegin(); it != cards.rend(); ++it) m_cards->insertWidget(0, makeCard(*it));
  setShowActivation(showingActivation());
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

int PredictPage::cardCount() const { return m_cards->count() - 1; }

}  // namespace headstart::ui
