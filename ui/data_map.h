#pragma once
// The dataset doctor's 2-D map: one dot per image, coloured by class, the images a finding names
// ringed, the finding chosen in a list ringed boldly. Pointing at a dot (or stepping through the
// ringed ones with the arrow keys) shows the file and its thumbnail in a label beside it. The
// description says in words what the map shows.

#include <QColor>
#include <QHash>
#include <QImage>
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <vector>

#include "headstart/doctor.h"

class QCPGraph;
class QCustomPlot;
class QFrame;
class QLabel;

namespace headstart::ui {

// One colour per class: a class named after a colour ("red", "Dark green", "синий") is drawn in
// it, and no other class gets a colour that could be taken for a named one.
QVector<QColor> classColours(const QStringList& classes);

class DataMap : public QWidget {
  Q_OBJECT

 public:
  explicit DataMap(QWidget* parent = nullptr);

  void setPoints(const std::vector<MapPoint>& points, const QStringList& classes);
  void clear();
  // The image at `from` is now at `to` (moved to another class folder).
  void replacePath(const QString& from, const QString& to);
  int pointCount() const { return int(m_points.size()); }
  const MapPoint& point(int index) const { return m_points[size_t(index)]; }
  // The dot under `pos` (in this widget's coordinates), within a few pixels; -1 if none.
  int pointAt(const QPoint& pos) const;
  // Where dot `index` is drawn, in this widget's coordinates.
  QPoint position(int index) const;
  // Rings the dots of `paths` boldly (the finding chosen in a list); an empty list clears it.
  void highlight(const QStringList& paths);
  const QVector<int>& highlighted() const { return m_highlighted; }
  // Shows the file and thumbnail of dot `index` beside it; -1 hides them.
  void showPoint(int index);
  int shownPoint() const { return m_shown; }
  QFrame* hoverLabel() const { return m_hover; }
  QLabel* hoverText() const { return m_hoverText; }
  QLabel* hoverPicture() const { return m_hoverPicture; }
  QCustomPlot* plot() const { return m_plot; }
  // Shown instead of the plot until there are points to draw.
  QLabel* emptyState() const { return m_empty; }
  QString summary() const;

 Q_SIGNALS:
  // A dot was clicked or chosen with Enter: the page selects its finding.
  void pointActivated(const QString& path);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void focusInEvent(QFocusEvent* event) override;
  void focusOutEvent(QFocusEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  QCustomPlot* m_plot;
  QLabel* m_empty;
  QFrame* m_hover;
  QLabel *m_hoverPicture, *m_hoverText;
  std::vector<MapPoint> m_points;
  QStringList m_classes;
  int m_shown = -1;
  QVector<int> m_highlighted;  // the chosen finding's dots
  QCPGraph* m_chosenGraph = nullptr;
  QHash<QString, QImage> m_thumbnails;  // read once, off the GUI thread

  void rebuild();
  void drawHighlight();
  void step(int direction);
  void placeHover();
  void requestThumbnail(const QString& path);
  void retranslate();
};

}  // namespace headstart::ui
