// headstart: the HeadStart window.

#include <QApplication>

#include "main_window.h"

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("HeadStart"));
  QApplication::setApplicationName(QStringLiteral("HeadStart"));
  QApplication::setApplicationVersion(QStringLiteral(HEADSTART_VERSION));
  headstart::ui::MainWindow window;
  window.show();
  return QApplication::exec();
}
