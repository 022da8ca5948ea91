#include "language.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace headstart::i18n {
namespace {

const char* const kSettingsKey = "ui/language";

bool haveCatalogue(const QString& code) {
  for (const auto& language : languages()) {
    if (language.code == code) return true;
  }
  return false;
}

// An installed copy (share/headstart/translations beside bin/) wins over the embedded one, so
// a packager can ship corrected catalogues without rebuilding.
QString catalogueFolder() {
  const QString installed =
      QDir(QCoreApplication::applicationDirPath())
          .absoluteFilePath(QStringLiteral("../share/headstart/translations"));
  if (QFileInfo::exists(installed + QStringLiteral("/headstart_en.qm"))) return installed;
  return QStringLiteral(":/i18n");
}

}  // namespace

QList<Language> languages() {
  return {{QStringLiteral("en"), QStringLiteral("English")},
          {QStringLiteral("ru"), QStringLiteral("Русский")}};
}

QString chosenLanguage() { return QSettings().value(QLatin1String(kSettingsKey)).toString(); }

void setChosenLanguage(const QString& code) {
  QSettings settings;
  if (code.isEmpty())
    settings.remove(QLatin1String(kSettingsKey));
  else
    settings.setValue(QLatin1String(kSettingsKey), code);
}

QString languageToUse(bool honourChoice) {
  if (honourChoice) {
    const QString chosen = chosenLanguage();
    if (haveCatalogue(chosen)) return chosen;
  }
  // uiLanguages() follows LANGUAGE, LC_ALL, LC_MESSAGES and LANG, in that order, as gettext does.
  for (const QString& name : QLocale::system().uiLanguages()) {
    const QString code = QLocale(name).name().section(QLatin1Char('_'), 0, 0);
    if (haveCatalogue(code)) return code;
    if (code == QLatin1String("C")) break;
  }
  return QStringLiteral("en");
}

QString installTranslators(QCoreApplication& app, bool honourChoice) {
  const QString code = languageToUse(honourChoice);
  // The previous language's translators go first: installing sends every widget a
  // LanguageChange event, and each rebuilds its texts from the catalogues installed then.
  static QPointer<QTranslator> ours, qts;
  for (QTranslator* old : {ours.data(), qts.data()}) {
    if (!old) continue;
    QCoreApplication::removeTranslator(old);
    delete old;
  }
  // Owned by the application, which outlives every string they translate.
  ours = new QTranslator(&app);
  if (ours->load(QStringLiteral("headstart_") + code, catalogueFolder()))
    QCoreApplication::installTranslator(ours);
  qts = new QTranslator(&app);
  if (qts->load(QStringLiteral("qtbase_") + code,
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QCoreApplication::installTranslator(qts);
  return code;
}

void useNumbersOf(const QString& code) {
  const QLocale system = QLocale::system();
  const QLocale language(code);
  QLocale::setDefault(system.language() == language.language() ? system : language);
}

}  // namespace headstart::i18n
