#pragma once
// Shared by the tests: where the reference data lives, and running the reference interpreter.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QTest>

namespace testsupport {

inline QString fixtureDir() { return qEnvironmentVariable("HEADSTART_FIXTURES"); }

inline std::string fixture(const QString& relative) {
  return QDir(fixtureDir()).filePath(relative).toStdString();
}

inline bool haveFixtures() { return QFile::exists(QDir(fixtureDir()).filePath("READY")); }

// Runs `script` in the interpreter that has torch; returns its stdout, or a null string on failure.
inline QString runPython(const QString& script, const QStringList& args = {}) {
  QProcess p;
  p.start(qEnvironmentVariable("HEADSTART_PYTHON"), QStringList{"-c", script} + args);
  if (!p.waitForFinished(300000) || p.exitCode() != 0) {
    qWarning("python failed: %s", p.readAllStandardError().constData());
    return {};
  }
  return QString::fromUtf8(p.readAllStandardOutput());
}

}  // namespace testsupport

// Reference data exists only where Debian's python3-torch and python3-torchvision are installed.
#define REQUIRE_FIXTURES()                                                                 \
  do {                                                                                     \
    if (!testsupport::haveFixtures())                                                      \
      QSKIP("no reference data: install python3-torch, python3-torchvision, python3-pil"); \
  } while (false)
