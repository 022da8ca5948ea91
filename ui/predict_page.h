#pragma once
// Predict: drop, open or paste images (or a path as text); each becomes a card with its
// thumbnail and top-5 bars, or the reason it could not be read, and says which classes and which
// mode (exact, fast, turbo) it was predicted with. "Show why" shows, larger, the activation map
// of the class chosen on the card. Results arrive batch by batch; the progress image by image.

#include <QTemporaryDir>
#include <QWidget>

#include "engine_worker.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace headstart::ui {

class PredictPage : public QWidget {
  Q_OBJECT

 public:
  explicit PredictPage(QWidget* parent = nullptr);

  void showCards(const QVector<PredictionCard>& cards);
  void setProgress(int done, int total);
  // While turbo is calibrated before a prediction (seconds): says so on the progress bar.
  void showCalibrating(int images);
  // How a card names the mode that made it: "exact", "fast" or "turbo".
  static QString modeText(const QString& precision);
  void setModelDescription(const QString& text);
  int cardCount() const;
  bool showingActivation() const;
  void setShowActivation(bool show);
  // Image files among `paths`, folders expanded (one level).
  static QStringList imagesIn(const QStringList& paths);
  QScrollArea* scrollArea() const { return m_scroll; }
  QProgressBar* progressBar() const { return m_progress; }

 public Q_SLOTS:
  void openImages();
  // Asks for a folder and emits folderChosen.
  void openFolder();
  void pasteImage();
  void clearCards();

 Q_SIGNALS:
  void imagesChosen(const QStringList& paths);
  void folderChosen(const QString& folder);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  QCheckBox* m_showWhy;
  QLabel* m_model;
  QLabel* m_hint;
  QPushButton *m_open, *m_paste, *m_clear, *m_folder;
  QProgressBar* m_progress;
  QScrollArea* m_scroll;
  QVBoxLayout* m_cards;
  QTemporaryDir m_pasted;  // clipboard images, saved so the engine reads them like files
  int m_pasteCount = 0;
  int m_batchStart = -1;  // where the current request's next card goes

  QWidget* makeCard(const PredictionCard& card);
  void showPicture(QLabel* picture, bool why);
  void retranslate();
  void nameWhyChoice(QComboBox* choice);
};

}  // namespace headstart::ui
