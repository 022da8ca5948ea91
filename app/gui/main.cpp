// headstart: the HeadStart window.

#include <QApplication>
#include <QIcon>

#include "headstart/classifier.h"
#include "language.h"
#include "main_window.h"

int main(int argc, char* argv[]) {
  headstart::useAllCoresFromStart();  // before any thread starts
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("HeadStart"));
  QApplication::setApplicationName(QStringLiteral("HeadStart"));
  QApplication::setApplicationVersion(QStringLiteral(HEADSTART_VERSION));
  headstart::i18n::useNumbersOf(headstart::i18n::installTranslators(app, /*honourChoice=*/true));
  QApplication::setDesktopFileName(QStringLiteral("io.github.headstart.HeadStart"));
  // A vector icon stays sharp at every scale factor.
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/io.github.headstart.HeadStart.svg")));
  headstart::ui::MainWindow window;
  window.show();
  return QApplication::exec();
}
