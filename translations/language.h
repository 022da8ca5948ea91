#pragma once
// Which language HeadStart speaks, and the translators that make it so. Qt Core only, so the
// command-line twin and the window share it.

#include <QList>
#include <QString>

class QCoreApplication;

namespace headstart::i18n {

struct Language {
  QString code;        // "en", "ru"
  QString nativeName;  // as its speakers write it: "English", "Русский"
};

// The languages with a catalogue, English first.
QList<Language> languages();

// What the user picked in the window's Language menu; empty means "as the system".
QString chosenLanguage();
void setChosenLanguage(const QString& code);

// The language to speak: the chosen one if any, else the first of the system's preferred
// languages that we have, else English.
QString languageToUse(bool honourChoice);

// Installs HeadStart's catalogue for that language (and Qt's own, for standard dialogs, when
// the system has it), replacing those a previous call installed: the window changes language
// at once. Returns the language installed.
QString installTranslators(QCoreApplication& app, bool honourChoice);

// Numbers written as the language `code` writes them ("29,2 %" in Russian), unless the system's
// own locale is of that language (its regional habits win then). For the window, whose numbers
// sit inside translated sentences; the command line keeps the system's.
void useNumbersOf(const QString& code);

}  // namespace headstart::i18n
