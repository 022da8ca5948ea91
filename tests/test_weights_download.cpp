// Downloading weights: checksum from the file name, atomic save, clear errors, cancel. Served by a
// small HTTP server on the loopback interface.

#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "weights_download.h"
#include "weights_panel.h"

using headstart::ui::WeightsDownloader;

namespace {

// Answers every request with `body`; with `stall`, sends only half of it and keeps the line open.
class TinyHttpServer : public QTcpServer {
 public:
  QByteArray body;
  bool stall = false;
  QStringList paths;  // of the requests, in order

  TinyHttpServer() {
    connect(this, &QTcpServer::newConnection, this, [this] {
      while (auto* socket = nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
          const QByteArray request = socket->readAll();
          if (!request.contains("\r\n\r\n")) return;
          paths << QString::fromLatin1(request.split(' ').value(1));
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

  // The window's panel offers ResNet18 and ResNet34 as well as ResNet50, each from torchvision's
  // own file name (served here from the loopback: the payload is not that file, so the checksum
  // in the name refuses it, which shows the name was asked for).
  void panelDownloadsTheChosenResNet_data() {
    QTest::addColumn<int>("downs");
    QTest::addColumn<QString>("file");
    QTest::newRow("ResNet50") << 0 << "resnet50-11ad3fa6.pth";
    QTest::newRow("ResNet34") << 1 << "resnet34-b627a593.pth";
    QTest::newRow("ResNet18") << 2 << "resnet18-f37072fd.pth";
  }
  void panelDownloadsTheChosenResNet() {
    QFETCH(int, downs);
    QFETCH(QString, file);
    QTemporaryDir torchHome;
    qputenv("TORCH_HOME", torchHome.path().toUtf8());
    TinyHttpServer server;
    server.body = payload();
    headstart::ui::WeightsPanel panel;
    panel.setDownloadBase(server.url(QString()));
    panel.show();
    auto* which = panel.findChild<QComboBox*>("downloadWhich");
    QVERIFY(which);
    which->setFocus();
    for (int i = 0; i < downs; ++i) QTest::keyClick(which, Qt::Key_Down);
    QVERIFY2(which->currentText().startsWith(QTest::currentDataTag()),
             qPrintable(which->currentText()));
    QPushButton* download = nullptr;
    for (auto* b : panel.findChildren<QPushButton*>())
      if (b->text().startsWith("Download")) download = b;
    QVERIFY(download);
    QSignalSpy failed(panel.downloader(), &WeightsDownloader::failed);
    QTest::mouseClick(download, Qt::LeftButton);
    QVERIFY(failed.wait(30000));
    QCOMPARE(server.paths, QStringList{"/models/" + file});
    QVERIFY2(failed.first().first().toString().contains("damaged"),
             qPrintable(failed.first().first().toString()));
    qunsetenv("TORCH_HOME");
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

QTEST_MAIN(TestWeightsDownload)
#include "test_weights_download.moc"
