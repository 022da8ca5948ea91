#include "predict_page.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
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
constexpr int kWhyEdge = 256;  // the activation map is shown larger: its detail is the point

// The picture at `edge` on screen, drawn from the larger image at the screen's pixel ratio:
// sharp when the window is scaled.
QPixmap atScreenSize(const QImage& image, qreal ratio, int edge = kPictureEdge) {
  if (image.isNull()) return {};
  const int pixels = qRound(edge * ratio);
  QPixmap p = QPixmap::fromImage(
      image.scaled(pixels, pixels, Qt::KeepAspectRatio, Qt::SmoothTransformation));
  p.setDevicePixelRatio(ratio);
  return p;
}

QColor mixed(const QColor& a, const QColor& b, double t) {
  return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                          a.blueF() * (1 - t) + b.blueF() * t);
}

// A probability bar whose label is one colour, the palette's text, over the filled part and the
// empty part alike: the fill is a pale tint of the highlight, so the text reads on both (the
// style's own bar writes white over its fill and black beside it).
QProgressBar* probabilityBar(const QString& text, float probability, const QPalette& palette) {
  auto* bar = new QProgressBar;
  bar->setObjectName(QStringLiteral("probability"));
  bar->setRange(0, 1000);
  bar->setValue(qRound(probability * 1000));
  bar->setFormat(text);
  bar->setTextVisible(true);
  bar->setAccessibleName(text);
  const QColor base = palette.color(QPalette::Base);
  const QColor fill = mixed(base, palette.color(QPalette::Highlight), 0.3);
  bar->setStyleSheet(QStringLiteral("QProgressBar { color: %1; background: %2; border: 1px solid "
                                    "%3; border-radius: 3px; padding-left: 4px; text-align: left; }"
                                    "QProgressBar::chunk { background: %4; border-radius: 2px; }")
                         .arg(palette.color(QPalette::Text).name(), base.name(),
                              palette.color(QPalette::Mid).name(), fill.name()));
  return bar;
}

}  // namespace

QString PredictPage::modeText(const QString& precision) {
  if (precision == QLatin1String("int8")) return tr("turbo");
  return precision == QLatin1String("fast") ? tr("fast") : tr("exact");
}

// The picture shows the thumbnail, or with "Show why" the chosen class's activation map, larger.
void PredictPage::showPicture(QLabel* picture, bool why) {
  const auto card = picture->property("card").value<PredictionCard>();
  const int edge = why && !card.maps.isEmpty() ? kWhyEdge : kPictureEdge;
  picture->setFixedSize(edge + 4, edge + 4);
  auto* choice = picture->parentWidget()->findChild<QComboBox*>(QStringLiteral("whyClass"));
  if (choice) choice->setVisible(why);
  const int k = choice ? std::max(0, choice->currentIndex()) : 0;
  // Each picture is made once: switching back and forth over many cards stays quick.
  const QByteArray key = why ? "why" + QByteArray::number(k) : QByteArray("plain");
  QPixmap pixmap = picture->property(key.constData()).value<QPixmap>();
  if (pixmap.isNull()) {
    pixmap = why ? atScreenSize(activationOverlay(card, k), devicePixelRatioF(), edge)
                 : atScreenSize(card.thumbnail, devicePixelRatioF(), edge);
    picture->setProperty(key.constData(), pixmap);
  }
  if (!pixmap.isNull()) picture->setPixmap(pixmap);
}

QWidget* PredictPage::makeCard(const PredictionCard& card) {
  auto* frame = new QFrame;
  frame->setFrameShape(QFrame::StyledPanel);
  frame->setObjectName(card.error.isEmpty() ? QStringLiteral("predictionCard")
                                            : QStringLiteral("errorCard"));
  auto* row = new QHBoxLayout(frame);
  auto* left = new QVBoxLayout;
  auto* picture = new QLabel;
  picture->setAlignment(Qt::AlignCenter);
  picture->setObjectName(QStringLiteral("picture"));
  picture->setProperty("card", QVariant::fromValue(card));
  left->addWidget(picture);
  if (!card.maps.isEmpty()) {
    auto* choice = new QComboBox;
    choice->setObjectName(QStringLiteral("whyClass"));
    choice->addItems(card.labels.mid(0, card.maps.size()));
    nameWhyChoice(choice);
    choice->setMaximumWidth(kWhyEdge + 4);
    connect(choice, &QComboBox::currentIndexChanged, picture,
            [this, picture] { showPicture(picture, showingActivation()); });
    left->addWidget(choice);
  }
  left->addStretch();
  row->addLayout(left);
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
  if (!card.precision.isEmpty() && card.error.isEmpty()) {
    // Which mode made the card: turbo's numbers differ a little from exact's.
    auto* mode = new QLabel(modeText(card.precision));
    mode->setObjectName(QStringLiteral("mode"));
    mode->setStyleSheet(QStringLiteral("color: #666"));
    mode->setToolTip(card.calibration.isEmpty()
                         ? tr("Computed in %1 mode").arg(modeText(card.precision))
                         : tr("Computed in turbo mode, calibrated on %1").arg(card.calibration));
    titleRow->addWidget(mode);
  }
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
    const QString text =
        QStringLiteral("%1: %2 %")
            .arg(card.labels[i], l.toString(100.0 * card.probabilities[i], 'f', 1));
    column->addWidget(probabilityBar(text, card.probabilities[i], palette()));
  }
  if (!card.labels.isEmpty()) {
    frame->setAccessibleName(
        tr("%1: %2, %3 %")
            .arg(file, card.labels[0], l.toString(100.0 * card.probabilities[0], 'f', 1)));
    frame->setAccessibleDescription(source);
  }
  column->addStretch();
  row->addLayout(column, 1);
  showPicture(picture, showingActivation());
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
      tr("Colours the part of the network's view that most supports a class: the top one, or "
         "the one chosen under the picture"));
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
  for (auto* choice : findChildren<QComboBox*>(QStringLiteral("whyClass"))) nameWhyChoice(choice);
}

void PredictPage::nameWhyChoice(QComboBox* choice) {
  choice->setAccessibleName(tr("Show why for the class"));
  choice->view()->setAccessibleName(choice->accessibleName());  // its list, when open
  choice->setToolTip(tr("The class whose evidence the picture shows"));
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
  m_scroll->verticalScrollBar()->setValue(0);
}

void PredictPage::setProgress(int done, int total) {
  if (done == 0) m_batchStart = 0;  // a new request: its cards go on top, in order
  m_progress->setVisible(done < total);
  m_progress->setRange(0, std::max(total, 1));
  m_progress->setValue(done);
  const QString text = tr("Predicting: %1 of %2 read").arg(done).arg(total);
  m_progress->setFormat(text);
  m_progress->setAccessibleDescription(text);  // the value alone is a bare percentage
}

void PredictPage::showCalibrating(int images) {
  if (!m_progress->isVisible()) return;  // a folder's calibration: its dialog says so
  m_progress->setRange(0, 0);            // no steps to count: busy
  const QString text = tr("Calibrating turbo on %n image(s)…", nullptr, images);
  m_progress->setFormat(text);
  m_progress->setAccessibleDescription(text);
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
  for (auto* picture : findChildren<QLabel*>(QStringLiteral("picture"))) showPicture(picture, show);
}

void PredictPage::setModelDescription(const QString& text) { m_model->setText(text); }

int PredictPage::cardCount() const {
  return int(
      m_scroll->widget()->findChildren<QFrame*>(QString(), Qt::FindDirectChildrenOnly).size());
}

}  // namespace headstart::ui
