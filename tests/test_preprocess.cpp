// Decoding and the torchvision presets, compared with what PIL + torchvision compute.

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include <opencv2/imgcodecs.hpp>
#include "headstart/error.h"
#include "image/decode.h"
#include "image/preprocess.h"
#include "io/checkpoint.h"
#include "reference.h"

using namespace headstart;

class TestPreprocess : public QObject {
  Q_OBJECT
  std::map<std::string, torch::Tensor> m_reference;
  std::vector<std::string> m_images;

  torch::Tensor reference(const std::string& key) {
    const auto it = m_reference.find(key);
    if (it == m_reference.end()) qFatal("reference tensor %s missing", key.c_str());
    return it->second;
  }

 private Q_SLOTS:
  void initTestCase() {
    REQUIRE_FIXTURES();
    auto reference = testsupport::loadReference();
    m_reference = std::move(reference.tensors);
    m_images = reference.summary["images"].get<std::vector<std::string>>();
    QVERIFY(m_images.size() >= 10);
  }

  void decodeMatchesPil() {
    for (const auto& name : m_images) {
      const cv::Mat rgb =
          image::decodeRgb(testsupport::fixture(QString::fromStdString("images/" + name)));
      const auto ours = torch::from_blob(rgb.data, {rgb.rows, rgb.cols, 3}, torch::kUInt8);
      const auto theirs = reference(name + "/decoded");
      QVERIFY2(ours.sizes() == theirs.sizes(), name.c_str());
      QVERIFY2(torch::equal(ours, theirs), name.c_str());
    }
  }

  // Our resampler reproduces PIL's fixed-point arithmetic, so the tensors are identical.
  void presetMatchesTorchvisionExactly_data() {
    QTest::addColumn<QString>("arch");
    QTest::addColumn<QString>("preset");
    QTest::newRow("resnet50 IMAGENET1K_V2") << "resnet50"
                                            << "v2";
    QTest::newRow("resnet18 IMAGENET1K_V1") << "resnet18"
                                            << "v1";
  }

  void presetMatchesTorchvisionExactly() {
    QFETCH(QString, arch);
    QFETCH(QString, preset);
    for (const auto& name : m_images) {
      const cv::Mat rgb =
          image::decodeRgb(testsupport::fixture(QString::fromStdString("images/" + name)));
      const auto ours = image::preprocess(rgb, *presetFromName(preset.toStdString()));
      const auto theirs = reference(name + "/" + arch.toStdString() + "/input");
      QVERIFY2(ours.sizes() == theirs.sizes(), name.c_str());
      const float diff = (ours - theirs).abs().max().item<float>();
      QVERIFY2(diff == 0.0f, (name + ": max difference " + std::to_string(diff)).c_str());
    }
  }

  void resizedSizeTruncatesLikeTorchvision_data() {
    QTest::addColumn<QSize>("input");
    QTest::addColumn<int>("shorter");
    QTest::addColumn<QSize>("expected");
    QTest::newRow("landscape") << QSize(500, 375) << 232 << QSize(309, 232);
    QTest::newRow("portrait") << QSize(301, 457) << 232 << QSize(232, 352);
    QTest::newRow("square") << QSize(100, 100) << 256 << QSize(256, 256);
    QTest::newRow("identity") << QSize(232, 300) << 232 << QSize(232, 300);
  }

  void resizedSizeTruncatesLikeTorchvision() {
    QFETCH(QSize, input);
    QFETCH(int, shorter);
    QFETCH(QSize, expected);
    const auto out = image::resizedSize(cv::Size(input.width(), input.height()), shorter);
    QCOMPARE(QSize(out.width, out.height), expected);
  }

  void unreadableFilesNameTheCause_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero bytes") << QByteArray() << "empty file";
    QTest::newRow("text named .jpg") << QByteArray("hello, not a picture\n") << "not an image";
    QTest::newRow("truncated JPEG header")
        << QByteArray("\xff\xd8\xff\xe0\x00\x10JFIF", 10) << "truncated JPEG";
  }

  void unreadableFilesNameTheCause() {
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath("bad image.jpg");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    try {
      image::decodeRgb(path.toStdString());
      QFAIL("expected an error");
    } catch (const Error& e) {
      const QString message = e.what();
      QVERIFY2(message.startsWith(path + ": "), e.what());
      QVERIFY2(message.contains(expected), e.what());
    }
  }

  void sixteenBitKeepsTheHighByte() {
    QTemporaryDir dir;
    cv::Mat deep(4, 5, CV_16UC3);
    for (int y = 0; y < 4; ++y) {
      for (int x = 0; x < 5; ++x)
        deep.at<cv::Vec3w>(y, x) = cv::Vec3w(ushort(x * 9000 + 255), ushort(y * 16000), 65535);
    }
    const auto path = dir.filePath("deep.png").toStdString();
    QVERIFY(cv::imwrite(path, deep));
    const cv::Mat rgb = image::decodeRgb(path);
    QCOMPARE(rgb.type(), CV_8UC3);
    for (int y = 0; y < 4; ++y) {
      for (int x = 0; x < 5; ++x) {
        const auto bgr = deep.at<cv::Vec3w>(y, x);
        const auto px = rgb.at<cv::Vec3b>(y, x);
        QCOMPARE(int(px[0]), bgr[2] >> 8);  // OpenCV stores BGR; we return RGB
        QCOMPARE(int(px[2]), bgr[0] >> 8);
      }
    }
  }

  void cmykDecodesToRgb() {
    const cv::Mat rgb = image::decodeRgb(testsupport::fixture("special/cmyk.jpg"));
    const cv::Mat upright = image::decodeRgb(testsupport::fixture("special/upright.png"));
    QCOMPARE(rgb.size(), upright.size());
    // JPEG loss and the CMYK round trip move values a little, not the picture.
    QVERIFY2(cv::norm(rgb, upright, cv::NORM_L1) / double(rgb.total() * 3) < 12.0,
             "colours differ");
  }

  void exifOrientationIsOptional() {
    const auto path = testsupport::fixture("special/rotated.jpg");
    const cv::Mat asStored = image::decodeRgb(path);  // like PIL: orientation ignored
    QCOMPARE(asStored.size(), cv::Size(120, 80));
    DecodeOptions rotate;
    rotate.applyExifOrientation = true;
    QCOMPARE(image::decodeRgb(path, rotate).size(), cv::Size(80, 120));
  }

  void missingFile() { QVERIFY_THROWS_EXCEPTION(Error, image::decodeRgb("/no/such/image.png")); }
};

QTEST_GUILESS_MAIN(TestPreprocess)
#include "test_preprocess.moc"
