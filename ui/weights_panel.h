#pragma once
// Shown while no pretrained weights are found: says what is needed, downloads torchvision's
// official file (progress, cancel, checksum) or takes a local .pth.

#include <QWidget>

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
  void setProblem(const QString& text, const QString& details = QString());
  WeightsDownloader* downloader() const { return m_downloader; }

 Q_SIGNALS:
  void weightsChosen(const QString& path);

 private:
  QLabel* m_text;
  QProgressBar* m_progress;
  QPushButton *m_download, *m_choose, *m_cancel;
  WeightsDownloader* m_downloader;

  void setDownloading(bool downloading);
};

}  // namespace headstart::ui
