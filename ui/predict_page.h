#pragma once
// Predict: drop, open or paste images; each becomes a card with its thumbnail and top-5 bars, or
// the reason it could not be read.

#include <QTemporaryDir>
#include <QWidget>

#include "engine_worker.h"

class QCheckBox;
class QLabel;
class QVBoxLayout;

namespace headstart::ui {

class PredictPage : public QWidget {
  Q_OBJECT

 public:
  explicit PredictPage(QWidget* parent = nullptr);

  void showCards(const QVector<PredictionCard>& cards);
  void setModelDescription(const QString& text);
  int cardCount() const;
  bool showingActivation() const;
  void setShowActivation(bool show);
  // Image files among `paths`, folders expanded (one level).
  static QStringList imagesIn(const QStringList& paths);

 public Q_SLOTS:
  void openImages();
  void pasteImage();

 Q_SIGNALS:
  void imagesChosen(const QStringList& paths);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  QCheckBox* m_showWhy;
  QLabel* m_model;
  QLabel* m_hint;
  QVBoxLayout* m_cards;
  QTemporaryDir m_pasted;  // clipboard images, saved so the engine reads them like files
  int m_pasteCount = 0;
};

}  // namespace headstart::ui
