#pragma once
// A field for a real number that reads what people type, whatever the locale: "0.01", "0,01",
// "1e-4" and "1,5E-3" all parse. QDoubleSpinBox does not: in a Russian locale it turns "0.01"
// into 1 and "1e-4" into 1 without a word. Out of range or not a number, the field turns red,
// says why in its tooltip, and reports itself invalid so the form can refuse to go on.

#include <QLineEdit>
#include <optional>

namespace headstart::ui {

// The number in `text` with '.' or ',' as the decimal separator and optional exponent; nullopt
// for anything else (grouping separators included: "1,000.5" is refused, not guessed).
std::optional<double> parseNumber(const QString& text);

class NumberField : public QLineEdit {
  Q_OBJECT

 public:
  // Accepts values in [minimum, maximum], or (minimum, maximum] when `minimumExcluded`.
  NumberField(double minimum, double maximum, bool minimumExcluded = false,
              QWidget* parent = nullptr);

  // The value typed, or nullopt when the text is not an acceptable number.
  std::optional<double> value() const { return m_value; }
  bool isValid() const { return m_value.has_value(); }
  // Shows `v` in the user's locale, as briefly as it can be written exactly enough.
  void setValue(double v);

 Q_SIGNALS:
  void validityChanged(bool valid);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  double m_minimum, m_maximum;
  bool m_minimumExcluded;
  std::optional<double> m_value;

  void check();
  QString rangeText() const;
};

}  // namespace headstart::ui
