#pragma once
// Shown while no pretrained weights are found: says what is needed, downloads torchvision's
// official file (progress, cancel, checksum) or takes a local .pth.

#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace headstart::ui {

class WeightsDownloader;

class WeightsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit WeightsPanel(QWidget* parent = nullptr);
  // What is wrong, in the user's language, and the engine's detailed account as a tooltip.
  void setProblem(const QString& title, const QString& text, const QString& details = QString());
  // The chosen file is a trained layer of HeadStart: offers to load it as such.
  void offerHead(const QString& headPath);
  // While weights are in use, the panel only reports on a new choice and can be closed.
  void setDismissable(bool dismissable);
  QPushButton* loadHeadButton() const { return m_loadHead; }
  WeightsDownloader* downloader() const { return m_downloader; }
  // Where torchvision's files are fetched from; empty: download.pytorch.org. For tests, which
  // serve them from the loopback interface.
  void setDownloadBase(const QUrl& base) { m_downloadBase = base; }

 Q_SIGNALS:
  void weightsChosen(const QString& path);
  void headOffered(const QString& headPath);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QLabel *m_title, *m_text;
  QProgressBar* m_progress;
  QComboBox* m_which;  // ResNet50, 34 or 18
  QUrl m_downloadBase;
  QPushButton *m_download, *m_choose, *m_cancel, *m_loadHead, *m_close;
  QString m_offeredHead;
  WeightsDownloader* m_downloader;

  void setDownloading(bool downloading);
  void retranslate();
};

}  // namespace headstart::ui
