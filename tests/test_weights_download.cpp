// Downloading weights: checksum from the file name, atomic save, clear errors, cancel. Served by a
// small HTTP server on the loopback interface.

#include <QCryptographicHash>
#include <QDir>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "weights_download.h"

using headstart::ui::WeightsDownloader;

namespace {

// Answers every request with `body`; with `stall`, sends only half of it and keeps the line open.
class TinyHttpServer : public QTcpServer {
 public:
  QByteArray body;
  bool stall = false;

  TinyHttpServer() {
    connect(this, &QTcpServer::newConnection, this, [this] {
      while (auto* socket = nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
          if (!socket->readAll().contains("\r\n\r\n")) return;
          socket->write(
              "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
              QByteArray::number(body.size()) + "\r\n\r\n");
          socket->write(stall ? body.left(body.size() / 2) : body);
          if (!stall) socket->disconnectFromHost();
        });
      }
    });
    listen(QHostAddress::LocalHost);
  }

  QUrl url(const QString& name) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1/models/%2").arg(serverPort()).arg(name));
  }
};

QByteArray payload() {
  QByteArray bytes(3 * 1024 * 1024, '\0');
  for (int i = 0; i < bytes.size(); ++i) bytes[i] = char((i * 7919) >> 3);
  return bytes;
}

// Qt's SHA-256, a second implementation, checks the engine's one the downloader uses.
QString prefixOf(const QByteArray& bytes) {
  return QString::fromLatin1(
      QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(8));
}

}  // namespace

class TestWeightsDownload : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void hashPrefixFromTheName() {
    QCOMPARE(WeightsDownloader::expectedHashPrefix("resnet50-11ad3fa6.pth"), QString("11ad3fa6"));
    QCOMPARE(WeightsDownloader::expectedHashPrefix("my-weights.pth"), QString());
  }

  void downloadsAndChecks() {
    TinyHttpServer server;
    server.body = payload();
    QTemporaryDir dir;
    const QString name = "resnet50-" + prefixOf(server.body) + ".pth";
    WeightsDownloader downloader;
    QSignalSpy finished(&downloader, &WeightsDownloader::finished);
    QSignalSpy progress(&downloader, &WeightsDownloader::progress);
    downloader.start(server.url(name), dir.filePath("hub/checkpoints"));
    QVERIFY(finished.wait(30000));
    const QString path = finished.first().first().toString();
    QCOMPARE(path, dir.filePath("hub/checkpoints/" + name));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), server.body);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(QDir(dir.filePath("hub/checkpoints")).entryList(QDir::Files), QStringList{name});
  }

  void damagedDownloadLeavesNothing() {
    TinyHttpServer server;
    server.body = payload();
    QTemporaryDir dir;
    WeightsDownloader downloader;
    QSignalSpy failed(&downloader, &WeightsDownloader::failed);
    downloader.start(server.url("resnet50-00000000.pth"), dir.path());
    QVERIFY(failed.wait(30000));
    QVERIFY2(failed.first().first().toString().contains("damaged"),
             qPrintable(failed.first().first().toString()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
  }

  void noNetworkIsSaidPlainly() {
    quint16 port;
    {
      TinyHttpServer closed;
      port = closed.serverPort();
    }
    QTemporaryDir dir;
    WeightsDownloader downloader;
    QSignalSpy failed(&downloader, &WeightsDownloader::failed);
    downloader.start(
        QUrl(QStringLiteral("http://127.0.0.1:%1/models/resnet50-11ad3fa6.pth").arg(port)),
        dir.path());
    QVERIFY(failed.wait(30000));
    const QString message = failed.first().first().toString();
    QVERIFY2(
        message.contains("Cannot download") && message.contains("Without a network connection"),
        qPrintable(message));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
  }

  void cancelMidway() {
    TinyHttpServer server;
    server.body = payload();
    server.stall = true;
    QTemporaryDir dir;
    WeightsDownloader downloader;
    QSignalSpy failed(&downloader, &WeightsDownloader::failed);
    downloader.start(server.url("resnet50-" + prefixOf(server.body) + ".pth"), dir.path());
    QTRY_VERIFY_WITH_TIMEOUT(downloader.received() > 0, 30000);
    downloader.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 30000);
    QVERIFY(failed.first().first().toString().contains("cancelled"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
  }
};

QTEST_GUILESS_MAIN(TestWeightsDownload)
#include "test_weights_download.moc"
