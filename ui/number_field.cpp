#include "number_field.h"

#include <QEvent>
#include <QLocale>
#include <QRegularExpression>
#include <cmath>

namespace headstart::ui {

std::optional<double> parseNumber(const QString& text) {
  static const QRegularExpression number(
      QStringLiteral("^[+-]?(\\d+([.,]\\d*)?|[.,]\\d+)([eE][+-]?\\d+)?$"));
  const QString trimmed = text.trimmed();
  if (!number.match(trimmed).hasMatch()) return std::nullopt;
  QString c = trimmed;
  c.replace(QLatin1Char(','), QLatin1Char('.'));
  bool ok = false;
  const double v = QLocale::c().toDouble(c, &ok);
  if (!ok || !std::isfinite(v)) return std::nullopt;
  return v;
}

NumberField::NumberField(double minimum, double maximum, bool minimumExcluded, QWidget* parent)
    : QLineEdit(parent),
      m_minimum(minimum),
      m_maximum(maximum),
      m_minimumExcluded(minimumExcluded) {
  connect(this, &QLineEdit::textChanged, this, &NumberField::check);
  check();
}

void NumberField::setValue(double v) { setText(QLocale().toString(v, 'g', 8)); }

QString NumberField::rangeText() const {
  const QLocale l;
  return m_minimumExcluded ? tr("a number above %1 and at most %2, such as %3 or 1e-4")
                                 .arg(l.toString(m_minimum, 'g', 6), l.toString(m_maximum, 'g', 6),
                                      l.toString(0.001, 'g', 6))
                           : tr("a number from %1 to %2, such as %3")
                                 .arg(l.toString(m_minimum, 'g', 6), l.toString(m_maximum, 'g', 6),
                                      l.toString(m_maximum / 2, 'g', 6));
}

void NumberField::check() {
  const auto parsed = parseNumber(text());
  const bool inRange = parsed && (m_minimumExcluded ? *parsed > m_minimum : *parsed >= m_minimum) &&
                       *parsed <= m_maximum;
  const bool wasValid = isValid();
  m_value = inRange ? parsed : std::nullopt;
  if (isValid()) {
    setStyleSheet(QString());
    setToolTip(tr("Enter %1. Both . and , are read as the decimal point.").arg(rangeText()));
  } else {
    setStyleSheet(QStringLiteral("QLineEdit { background: #ffd7d7; color: #7a0010; }"));
    setToolTip(parsed ? tr("%1 is out of range: enter %2.").arg(text().trimmed(), rangeText())
                      : tr("\"%1\" is not a number: enter %2.").arg(text().trimmed(), rangeText()));
  }
  setAccessibleDescription(toolTip());
  if (wasValid != isValid()) Q_EMIT validityChanged(isValid());
}

void NumberField::changeEvent(QEvent* event) {
  // The language brings its locale: a number the field holds is written again in its decimal
  // separator ("0.003" becomes "0,003" in Russian); a text being typed is left as it is.
  if (event->type() == QEvent::LanguageChange) {
    if (m_value && !hasFocus()) setValue(*m_value);
    check();
  }
  QLineEdit::changeEvent(event);
}

}  // namespace headstart::ui
