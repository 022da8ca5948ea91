#pragma once
// Downloads a pretrained weights file into torchvision's cache folder. The official files carry
// the start of their SHA-256 in their name ("resnet50-11ad3fa6.pth"); the download is checked
// against it before the file appears under its real name, so a cut or corrupted download never
// looks like weights.

#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <memory>

#include "headstart/sha256.h"

class QNetworkAccessManager;
class QSaveFile;

namespace headstart::ui {

class WeightsDownloader : public QObject {
  Q_OBJECT

 public:
  explicit WeightsDownloader(QObject* parent = nullptr);
  ~WeightsDownloader() override;

  // Saves `url` as `folder`/<file name of the URL>.
  void start(const QUrl& url, const QString& folder);
  void cancel();
  bool running() const { return m_reply != nullptr; }
  qint64 received() const { return m_received; }

  // "11ad3fa6" for ".../resnet50-11ad3fa6.pth"; empty when the name carries no hash.
  static QString expectedHashPrefix(const QString& fileName);

 Q_SIGNALS:
  void progress(qint64 received, qint64 total);
  void finished(const QString& path);
  void failed(const QString& message);

 private:
  QNetworkAccessManager* m_network;
  QPointer<QNetworkReply> m_reply;
  std::unique_ptr<QSaveFile> m_file;
  Sha256 m_hash;  // the engine's, so a download is checked as the manifests are written
  QUrl m_url;
  bool m_cancelled = false;
  qint64 m_received = 0;

  void onData();
  void onFinished();
  void fail(const QString& message);
};

}  // namespace headstart::ui
