#include "weights_panel.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>
#include <iterator>

#include "headstart/weights.h"
#include "weights_download.h"

namespace headstart::ui {
namespace {

// What the panel offers to download: torchvision's default weights of the ResNets a laptop
// trains on, the most accurate first, with their sizes in MB (MiB, as browsers count).
struct Offer {
  Arch arch;
  int megabytes;
};
constexpr Offer kOffers[] = {{Arch::ResNet50, 98}, {Arch::ResNet34, 83}, {Arch::ResNet18, 45}};

const OfficialWeights& defaultWeights(Arch arch) {
  for (const auto& w : officialWeights()) {
    if (w.arch == arch && w.isDefault) return w;
  }
  return officialWeights().front();
}

}  // namespace

WeightsPanel::WeightsPanel(QWidget* parent)
    : QWidget(parent), m_downloader(new WeightsDownloader(this)) {
  setObjectName(QStringLiteral("weightsPanel"));
  auto* layout = new QVBoxLayout(this);
  m_title = new QLabel;
  m_text = new QLabel;
  m_text->setWordWrap(true);
  m_text->setTextFormat(Qt::PlainText);  // paths and messages, never markup
  m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_title);
  layout->addWidget(m_text);
  auto* buttons = new QHBoxLayout;
  m_which = new QComboBox;
  m_which->setObjectName(QStringLiteral("downloadWhich"));
  for (const auto& offer : kOffers) m_which->addItem(QString(), int(offer.arch));
  m_download = new QPushButton;
  m_choose = new QPushButton;
  m_cancel = new QPushButton;
  m_loadHead = new QPushButton;
  m_loadHead->hide();
  m_close = new QPushButton;
  m_close->hide();
  buttons->addWidget(m_loadHead);
  buttons->addWidget(m_which);
  buttons->addWidget(m_download);
  buttons->addWidget(m_choose);
  buttons->addWidget(m_cancel);
  buttons->addStretch();
  buttons->addWidget(m_close);
  layout->addLayout(buttons);
  m_progress = new QProgressBar;
  layout->addWidget(m_progress);
  setDownloading(false);
  retranslate();

  connect(m_download, &QPushButton::clicked, this, [this] {
    const auto& w = defaultWeights(Arch(m_which->currentData().toInt()));
    setDownloading(true);
    const QUrl url = m_downloadBase.isEmpty()
                         ? QUrl(QString::fromStdString(w.url))
                         : m_downloadBase.resolved(QUrl(QString::fromStdString(w.fileName)));
    m_downloader->start(url, QString::fromStdString(torchHubCheckpointDir()));
  });
  connect(m_cancel, &QPushButton::clicked, m_downloader, &WeightsDownloader::cancel);
  connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
  connect(m_loadHead, &QPushButton::clicked, this, [this] { Q_EMIT headOffered(m_offeredHead); });
  connect(m_choose, &QPushButton::clicked, this, [this] {
    const auto path = QFileDialog::getOpenFileName(this, tr("Pretrained weights"), QString(),
                                                   tr("PyTorch weights (*.pth *.pt)"));
    if (!path.isEmpty()) Q_EMIT weightsChosen(path);
  });
  connect(m_downloader, &WeightsDownloader::progress, this, [this](qint64 received, qint64 total) {
    m_progress->setRange(0, total > 0 ? 1000 : 0);
    if (total > 0) m_progress->setValue(int(1000 * received / total));
    m_progress->setFormat(
        tr("%1 of %2 MB").arg(received / 1e6, 0, 'f', 1).arg(total / 1e6, 0, 'f', 1));
    m_progress->setAccessibleDescription(m_progress->format());
  });
  connect(m_downloader, &WeightsDownloader::finished, this, [this](const QString& path) {
    setDownloading(false);
    Q_EMIT weightsChosen(path);
  });
  connect(m_downloader, &WeightsDownloader::failed, this, [this](const QString& message) {
    setDownloading(false);
    m_text->setText(message);
  });
}

void WeightsPanel::retranslate() {
  m_download->setText(tr("Download from download.pytorch.org"));
  for (int i = 0; i < int(std::size(kOffers)); ++i)
    m_which->setItemText(i, tr("%1 (%2 MB)")
                                .arg(QStringLiteral("ResNet") +
                                     QString::fromLatin1(archInfo(kOffers[i].arch).name).mid(6))
                                .arg(kOffers[i].megabytes));
  m_which->setAccessibleName(tr("Network to download"));
  m_which->view()->setAccessibleName(m_which->accessibleName());  // its list, when open
  m_which->setToolTip(
      tr("ResNet50 is the most accurate; ResNet18 and ResNet34 are smaller and several times "
         "faster, for slow computers or many images"));
  m_choose->setText(tr("Choose a file…"));
  m_cancel->setText(tr("Cancel"));
  m_loadHead->setText(tr("Load it as the trained layer"));
  m_close->setText(tr("Close"));
  m_progress->setAccessibleName(tr("Download progress"));
}

void WeightsPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void WeightsPanel::setProblem(const QString& title, const QString& text, const QString& details) {
  m_title->setText(QStringLiteral("<h3>%1</h3>").arg(title.toHtmlEscaped()));
  m_text->setText(text);
  m_text->setToolTip(details);
  m_loadHead->hide();
}

void WeightsPanel::offerHead(const QString& headPath) {
  m_offeredHead = headPath;
  m_loadHead->show();
}

void WeightsPanel::setDismissable(bool dismissable) { m_close->setVisible(dismissable); }

void WeightsPanel::setDownloading(bool downloading) {
  m_download->setEnabled(!downloading);
  m_which->setEnabled(!downloading);
  m_choose->setEnabled(!downloading);
  m_cancel->setVisible(downloading);
  m_progress->setVisible(downloading);
}

}  // namespace headstart::ui
