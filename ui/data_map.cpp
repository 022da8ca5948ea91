#include "data_map.h"

#include <qcustomplot.h>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QImageReader>
#include <QKeyEvent>
#include <QLabel>
#include <QRegularExpression>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <array>
#include <cmath>

#include "focus_frame.h"

namespace headstart::ui {
namespace {

constexpr int kThumbnail = 96;
constexpr int kReachPixels = 8;
constexpr int kMinimumMapSide = 280;  // how far from a dot the pointer still means that dot
// The chosen finding's ring: wider and bolder than a finding's, so it is found at a glance.
constexpr int kChosenDiameter = 20;
constexpr double kChosenPen = 3;

// The palette for classes whose names say no colour, in order of use.
QColor paletteColour(int index) {
  static const QColor palette[] = {QColor(31, 90, 200),  QColor(214, 96, 20), QColor(30, 150, 70),
                                   QColor(150, 50, 170), QColor(180, 30, 60), QColor(20, 140, 160),
                                   QColor(120, 110, 20), QColor(90, 90, 90)};
  if (index < 8) return palette[index];
  // Beyond eight classes, hues spread by the golden angle stay apart from their neighbours.
  return QColor::fromHsvF(std::fmod(index * 0.381966, 1.0), 0.75, 0.8);
}

// The everyday colour words, in tones that read on a white map; other CSS colour names ("navy",
// "teal", "crimson") as CSS draws them.
QColor colourOfWord(const QString& word) {
  static const QHash<QString, QColor> words = {
      {"red", QColor(220, 30, 30)},     {"green", QColor(30, 160, 50)},
      {"blue", QColor(30, 80, 220)},    {"yellow", QColor(235, 200, 0)},
      {"orange", QColor(245, 130, 0)},  {"purple", QColor(130, 50, 180)},
      {"violet", QColor(150, 70, 220)}, {"grey", QColor(128, 128, 128)},
      {"gray", QColor(128, 128, 128)},  {"black", QColor(0, 0, 0)},
      {"white", QColor(255, 255, 255)}, {"brown", QColor(140, 85, 35)},
      {"pink", QColor(240, 110, 170)},  {"cyan", QColor(0, 190, 220)},
      {"magenta", QColor(220, 0, 200)}, {"lightblue", QColor(80, 170, 240)}};
  if (words.contains(word)) return words[word];
  if (word != QLatin1String("transparent") && QColor::isValidColor(word)) return QColor(word);
  return {};
}

// Russian colour adjectives by stem, whatever their gender or number ("красный", "красная").
QString englishOfRussian(QString word) {
  static const QHash<QString, QString> stems = {
      {"красн", "red"},   {"зелен", "green"},       {"син", "blue"},        {"голуб", "lightblue"},
      {"желт", "yellow"}, {"оранжев", "orange"},    {"фиолетов", "purple"}, {"пурпурн", "purple"},
      {"сер", "grey"},    {"черн", "black"},        {"бел", "white"},       {"коричнев", "brown"},
      {"розов", "pink"},  {"бирюзов", "turquoise"}, {"бордов", "maroon"},   {"малинов", "crimson"}};
  static const QStringList endings = {"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие"};
  word.replace(QChar(0x451), QChar(0x435));  // ё is often written е
  for (const auto& ending : endings)
    if (word.endsWith(ending)) return stems.value(word.chopped(ending.size()));
  return {};
}

// The colour a class's name says: "red", "Dark green", "3_blue", "синие"; invalid if none.
QColor namedColour(const QString& name) {
  QStringList words =
      name.toLower().split(QRegularExpression(QStringLiteral("[^\\p{L}]+")), Qt::SkipEmptyParts);
  if (words.isEmpty()) return {};
  const QColor english = colourOfWord(words.join(QString()));
  if (english.isValid() || words.size() != 1) return english;
  const QString russian = englishOfRussian(words.front());
  return russian.isEmpty() ? QColor() : colourOfWord(russian);
}

// Which colour a person would call it: the families that must not be shared, or a dot of an
// unnamed class reads as the class named after that colour.
enum class Family {
  Black,
  White,
  Grey,
  Brown,
  Red,
  Orange,
  Yellow,
  Green,
  Cyan,
  Blue,
  Purple,
  Pink
};

Family familyOf(const QColor& colour) {
  const double value = colour.valueF(), saturation = colour.hsvSaturationF();
  if (value < 0.22) return Family::Black;
  if (saturation < 0.18) return value > 0.85 ? Family::White : Family::Grey;
  const double hue = colour.hsvHueF() * 360;
  if (hue >= 10 && hue < 45 && value < 0.62) return Family::Brown;
  if (hue < 12 || hue >= 340) return Family::Red;
  if (hue < 40) return Family::Orange;
  if (hue < 70) return Family::Yellow;
  if (hue < 160) return Family::Green;
  if (hue < 195) return Family::Cyan;
  if (hue < 255) return Family::Blue;
  if (hue < 290) return Family::Purple;
  return Family::Pink;
}

// CIE L*a*b* of an sRGB colour (D65): distances in it follow what the eye tells apart.
std::array<double, 3> lab(const QColor& colour) {
  const auto linear = [](double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  const double r = linear(colour.redF()), g = linear(colour.greenF()), b = linear(colour.blueF());
  const double xyz[3] = {(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
                         0.2126 * r + 0.7152 * g + 0.0722 * b,
                         (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883};
  double f[3];
  for (int i = 0; i < 3; ++i)
    f[i] = xyz[i] > 0.008856 ? std::cbrt(xyz[i]) : 7.787 * xyz[i] + 16.0 / 116;
  return {116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])};
}

double colourDistance(const QColor& a, const QColor& b) {
  const auto x = lab(a), y = lab(b);
  return std::hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

// Closer than this (CIE76) two dots' colours are taken for one another.
constexpr double kConfusable = 40;

bool confusable(const QColor& candidate, const QVector<QColor>& named) {
  for (const auto& n : named)
    if (familyOf(candidate) == familyOf(n) || colourDistance(candidate, n) < kConfusable)
      return true;
  return false;
}

}  // namespace

// A class named after a colour is drawn in it; the others take the palette in order, passing
// over any colour that could be taken for a named class's.
QVector<QColor> classColours(const QStringList& classes) {
  QVector<QColor> colours(classes.size()), named;
  for (int c = 0; c < classes.size(); ++c) {
    colours[c] = namedColour(classes[c]);
    if (colours[c].isValid()) named.append(colours[c]);
  }
  int next = 0;
  for (auto& colour : colours) {
    if (colour.isValid()) continue;
    constexpr int kTries = 256;
    int tries = 0;
    while (tries++ < kTries && confusable(paletteColour(next), named)) ++next;
    colour = paletteColour(next++);
  }
  return colours;
}

namespace {

QImage readThumbnail(const QString& path) {
  QImageReader reader(path);
  reader.setAutoTransform(false);  // what the network sees: no EXIF rotation
  const QSize size = reader.size();
  if (size.isValid())
    reader.setScaledSize(size.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio));
  return reader.read();
}

}  // namespace

DataMap::DataMap(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_empty(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(3, 3, 3, 3);  // room for the focus frame
  layout->addWidget(m_plot);
  // Before a check there is nothing to plot: empty axes squeezed into the page only puzzle.
  // At the top: the page scrolls on a small screen, and the map's middle may be out of sight.
  m_empty->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
  m_empty->setContentsMargins(12, 48, 12, 12);
  m_empty->setWordWrap(true);
  m_empty->setForegroundRole(QPalette::PlaceholderText);
  layout->addWidget(m_empty);
  setFocusPolicy(Qt::StrongFocus);
  // Room for the classes' clusters and the legend under them, whatever the window's height.
  m_plot->setMinimumSize(kMinimumMapSide, kMinimumMapSide);
  setMinimumSize(kMinimumMapSide + 6, kMinimumMapSide + 6);
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_plot->xAxis->setTickLabels(false);  // the map's axes have no units: only nearness counts
  m_plot->yAxis->setTickLabels(false);
  // The legend goes under the map, in rows, where it hides no dot.
  m_plot->axisRect()->insetLayout()->take(m_plot->legend);
  m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
  m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
  m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  m_plot->legend->setWrap(3);
  m_plot->setMouseTracking(true);
  m_plot->installEventFilter(this);

  m_hover = new QFrame(this);
  m_hover->setFrameShape(QFrame::Box);
  m_hover->setAutoFillBackground(true);
  m_hover->setBackgroundRole(QPalette::ToolTipBase);
  m_hover->setForegroundRole(QPalette::ToolTipText);
  m_hover->setAttribute(Qt::WA_TransparentForMouseEvents);
  auto* hoverLayout = new QHBoxLayout(m_hover);
  hoverLayout->setContentsMargins(4, 4, 4, 4);
  m_hoverPicture = new QLabel;
  m_hoverPicture->setFixedSize(kThumbnail, kThumbnail);
  m_hoverPicture->setAlignment(Qt::AlignCenter);
  m_hoverText = new QLabel;
  hoverLayout->addWidget(m_hoverPicture);
  hoverLayout->addWidget(m_hoverText);
  m_hover->hide();
  retranslate();
}

void DataMap::retranslate() {
  setAccessibleName(tr("Map of the dataset"));
  m_empty->setText(tr("Check the dataset to see its map here: similar images lie close together."));
  setToolTip(
      tr("Similar images lie close together. Point at a dot, or use the arrow keys, to see its "
         "file; Enter selects its finding"));
  setAccessibleDescription(summary());
  if (m_shown >= 0) showPoint(m_shown);
  rebuild();
}

void DataMap::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void DataMap::setPoints(const std::vector<MapPoint>& points, const QStringList& classes) {
  m_points = points;
  m_classes = classes;
  m_highlighted.clear();
  m_thumbnails.clear();
  showPoint(-1);
  rebuild();
  setAccessibleDescription(summary());
}

void DataMap::clear() { setPoints({}, {}); }

void DataMap::replacePath(const QString& from, const QString& to) {
  for (auto& p : m_points)
    if (QString::fromStdString(p.path) == from) p.path = to.toStdString();
}

// One graph per class (its legend entry names the class), and the ringed images on top.
void DataMap::rebuild() {
  m_plot->setVisible(!m_points.empty());
  m_empty->setVisible(m_points.empty());
  m_plot->clearGraphs();
  m_chosenGraph = nullptr;
  m_plot->legend->setVisible(!m_points.empty());
  QVector<QVector<double>> xs(m_classes.size()), ys(m_classes.size());
  QVector<double> flaggedX, flaggedY;
  for (const auto& p : m_points) {
    if (p.label >= 0 && p.label < m_classes.size()) {
      xs[p.label].append(p.x);
      ys[p.label].append(p.y);
    }
    if (p.flagged) {
      flaggedX.append(p.x);
      flaggedY.append(p.y);
    }
  }
  const auto colours = classColours(m_classes);
  for (int c = 0; c < m_classes.size(); ++c) {
    auto* graph = m_plot->addGraph();
    graph->setLineStyle(QCPGraph::lsNone);
    // A light dot (a class named white or yellow) gets a rim, or it vanishes on the white map.
    const QColor rim = colours[c].lightnessF() > 0.75 ? QColor(110, 110, 110) : colours[c];
    graph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(rim, 1), QBrush(colours[c]), 6));
    graph->setData(xs[c], ys[c]);
    graph->setName(m_classes[c]);
  }
  auto* flagged = m_plot->addGraph();
  flagged->setLineStyle(QCPGraph::lsNone);
  flagged->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 1.5), Qt::NoBrush, 12));
  flagged->setData(flaggedX, flaggedY);
  flagged->setName(tr("named by a finding"));
  if (flaggedX.isEmpty()) flagged->removeFromLegend();
  m_chosenGraph = m_plot->addGraph();
  m_chosenGraph->setLineStyle(QCPGraph::lsNone);
  m_chosenGraph->setScatterStyle(QCPScatterStyle(
      QCPScatterStyle::ssCircle, QPen(Qt::black, kChosenPen), Qt::NoBrush, kChosenDiameter));
  m_chosenGraph->setName(tr("chosen finding"));
  drawHighlight();
  m_plot->rescaleAxes();
  m_plot->xAxis->scaleRange(1.1);
  m_plot->yAxis->scaleRange(1.1);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void DataMap::highlight(const QStringList& paths) {
  m_highlighted.clear();
  for (int i = 0; i < pointCount(); ++i)
    if (paths.contains(QString::fromStdString(m_points[size_t(i)].path))) m_highlighted.append(i);
  drawHighlight();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// Only the ring moves: the rest of the map, and how the user zoomed it, stay.
void DataMap::drawHighlight() {
  if (!m_chosenGraph) return;
  QVector<double> x, y;
  for (int i : m_highlighted) {
    x.append(m_points[size_t(i)].x);
    y.append(m_points[size_t(i)].y);
  }
  m_chosenGraph->setData(x, y);
  if (x.isEmpty())
    m_chosenGraph->removeFromLegend();
  else
    m_chosenGraph->addToLegend();
}

QString DataMap::summary() const {
  if (m_points.empty()) return tr("No map yet: check the dataset to draw one");
  int flagged = 0;
  for (const auto& p : m_points) flagged += p.flagged ? 1 : 0;
  return tr("%n image(s) placed by similarity, coloured by class (%1); ", nullptr,
            int(m_points.size()))
             .arg(m_classes.join(QStringLiteral(", "))) +
         tr("%n ringed: named by a finding", nullptr, flagged);
}

QPoint DataMap::position(int index) const {
  const auto& p = m_points[size_t(index)];
  const QPointF at(m_plot->xAxis->coordToPixel(p.x), m_plot->yAxis->coordToPixel(p.y));
  return m_plot->mapTo(this, at.toPoint());
}

int DataMap::pointAt(const QPoint& pos) const {
  int best = -1;
  double bestDistance = kReachPixels * kReachPixels;
  for (int i = 0; i < pointCount(); ++i) {
    const QPoint d = position(i) - pos;
    const double distance = double(d.x()) * d.x() + double(d.y()) * d.y();
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

void DataMap::showPoint(int index) {
  m_shown = index;
  if (index < 0 || index >= pointCount()) {
    m_shown = -1;
    m_hover->hide();
    setAccessibleDescription(summary());
    return;
  }
  const auto& p = m_points[size_t(index)];
  const QString path = QString::fromStdString(p.path);
  const QString cls = p.label >= 0 && p.label < m_classes.size() ? m_classes[p.label] : QString();
  const QString split = p.split == DataSplit::Test ? tr("test") : tr("train");
  m_hoverText->setText(QStringLiteral("%1\n%2 (%3)").arg(QFileInfo(path).fileName(), cls, split) +
                       (p.flagged ? QStringLiteral("\n") + tr("named by a finding") : QString()));
  m_hover->setToolTip(path);
  setAccessibleDescription(tr("%1, class %2 (%3)").arg(QFileInfo(path).fileName(), cls, split));
  if (m_thumbnails.contains(path))
    m_hoverPicture->setPixmap(QPixmap::fromImage(m_thumbnails[path]));
  else
    requestThumbnail(path);
  placeHover();
  m_hover->show();
  m_hover->raise();
}

void DataMap::requestThumbnail(const QString& path) {
  m_hoverPicture->clear();
  auto* watcher = new QFutureWatcher<QImage>(this);
  connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, path] {
    watcher->deleteLater();
    m_thumbnails.insert(path, watcher->result());
    if (m_shown >= 0 && QString::fromStdString(m_points[size_t(m_shown)].path) == path)
      m_hoverPicture->setPixmap(QPixmap::fromImage(watcher->result()));
  });
  watcher->setFuture(QtConcurrent::run(readThumbnail, path));
}

// Beside the dot, kept inside the map.
void DataMap::placeHover() {
  m_hover->adjustSize();
  QPoint at = position(m_shown) + QPoint(12, 12);
  at.setX(std::min(at.x(), width() - m_hover->width()));
  at.setY(std::min(at.y(), height() - m_hover->height()));
  m_hover->move(std::max(0, at.x()), std::max(0, at.y()));
}

bool DataMap::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_plot && event->type() == QEvent::MouseMove) {
    const auto* move = static_cast<QMouseEvent*>(event);
    const int index = pointAt(m_plot->mapTo(this, move->position().toPoint()));
    if (index != m_shown) showPoint(index);
  } else if (watched == m_plot && event->type() == QEvent::Leave) {
    showPoint(-1);
  } else if (watched == m_plot && event->type() == QEvent::MouseButtonDblClick) {
    if (m_shown >= 0) Q_EMIT pointActivated(QString::fromStdString(m_points[size_t(m_shown)].path));
  }
  return QWidget::eventFilter(watched, event);
}

// The ringed dots first (they are what the findings are about), then the others.
void DataMap::step(int direction) {
  if (m_points.empty()) return;
  QVector<int> order;
  for (int pass = 0; pass < 2; ++pass)
    for (int i = 0; i < pointCount(); ++i)
      if (m_points[size_t(i)].flagged == (pass == 0)) order.append(i);
  const int at = order.indexOf(m_shown);
  const int next = at < 0 ? (direction > 0 ? 0 : int(order.size()) - 1)
                          : (at + direction + int(order.size())) % int(order.size());
  showPoint(order[next]);
}

void DataMap::keyPressEvent(QKeyEvent* event) {
  switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_Down:
      return step(1);
    case Qt::Key_Left:
    case Qt::Key_Up:
      return step(-1);
    case Qt::Key_Escape:
      return showPoint(-1);
    case Qt::Key_Return:
    case Qt::Key_Enter:
      if (m_shown >= 0)
        Q_EMIT pointActivated(QString::fromStdString(m_points[size_t(m_shown)].path));
      return;
    default:
      return QWidget::keyPressEvent(event);
  }
}

void DataMap::paintEvent(QPaintEvent* event) {
  QWidget::paintEvent(event);
  drawFocusFrame(this);
}

void DataMap::focusInEvent(QFocusEvent* event) {
  update();
  QWidget::focusInEvent(event);
}

void DataMap::focusOutEvent(QFocusEvent* event) {
  update();
  showPoint(-1);
  QWidget::focusOutEvent(event);
}

}  // namespace headstart::ui
