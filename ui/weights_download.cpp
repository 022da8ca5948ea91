#include "weights_download.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSaveFile>

namespace headstart::ui {

WeightsDownloader::WeightsDownloader(QObject* parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this)) {}

WeightsDownloader::~WeightsDownloader() {
  if (m_reply) m_reply->abort();
}

QString WeightsDownloader::expectedHashPrefix(const QString& fileName) {
  static const QRegularExpression pattern(QStringLiteral("-([0-9a-f]{8,64})\\.pth?$"));
  const auto match = pattern.match(fileName);
  return match.hasMatch() ? match.captured(1) : QString();
}

void WeightsDownloader::start(const QUrl& url, const QString& folder) {
  if (running()) return;
  m_url = url;
  m_cancelled = false;
  m_received = 0;
  m_hash.reset();
  if (!QDir().mkpath(folder)) {
    fail(tr("Cannot create the folder %1").arg(folder));
    return;
  }
  const QString path = QDir(folder).filePath(QFileInfo(url.path()).fileName());
  m_file = std::make_unique<QSaveFile>(path);
  if (!m_file->open(QIODevice::WriteOnly)) {
    fail(tr("Cannot write %1: %2").arg(path, m_file->errorString()));
    return;
  }
  QNetworkRequest request(url);
  request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                       QNetworkRequest::NoLessSafeRedirectPolicy);
  m_reply = m_network->get(request);
  connect(m_reply, &QNetworkReply::readyRead, this, &WeightsDownloader::onData);
  connect(m_reply, &QNetworkReply::downloadProgress, this, &WeightsDownloader::progress);
  connect(m_reply, &QNetworkReply::finished, this, &WeightsDownloader::onFinished);
}

void WeightsDownloader::cancel() {
  if (!m_reply) return;
  m_cancelled = true;
  m_reply->abort();
}

void WeightsDownloader::onData() {
  if (!m_reply || !m_file || !m_reply->isOpen()) return;
  const QByteArray chunk = m_reply->readAll();
  m_hash.update(chunk.constData(), size_t(chunk.size()));
  m_received += chunk.size();
  if (m_file->write(chunk) != chunk.size()) {
    fail(tr("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString()));
    m_reply->abort();  // finishes with no file left to save
  }
}

void WeightsDownloader::onFinished() {
  onData();  // whatever arrived with the end of the reply
  QNetworkReply* reply = m_reply;
  m_reply = nullptr;
  reply->deleteLater();
  if (!m_file) return;  // already failed
  if (m_cancelled) {
    fail(tr("Download cancelled"));
    return;
  }
  if (reply->error() != QNetworkReply::NoError) {
    fail(tr("Cannot download %1: %2. Without a network connection, download the file on another "
            "computer and choose it with \"Choose a file…\".")
             .arg(m_url.toString(), reply->errorString()));
    return;
  }
  const QString expected = expectedHashPrefix(QFileInfo(m_file->fileName()).fileName());
  const QString actual = QString::fromStdString(m_hash.hexDigest());
  if (!expected.isEmpty() && !actual.startsWith(expected)) {
    fail(tr("%1: the download is damaged (SHA-256 %2…, expected %3…)")
             .arg(m_url.toString(), actual.left(expected.size()), expected));
    return;
  }
  const QString path = m_file->fileName();
  if (!m_file->commit()) {
    fail(tr("Cannot save %1: %2").arg(path, m_file->errorString()));
    return;
  }
  m_file.reset();
  Q_EMIT finished(path);
}

void WeightsDownloader::fail(const QString& message) {
  if (m_file) m_file->cancelWriting();
  m_file.reset();
  Q_EMIT failed(message);
}

}  // namespace headstart::ui
