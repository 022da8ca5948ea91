#pragma once
// The style's focus frame around a widget that draws its content itself (the plots): keyboard
// users see where they are, as on a button.

#include <QStyleOptionFocusRect>
#include <QStylePainter>
#include <QWidget>

namespace headstart::ui {

inline void drawFocusFrame(QWidget* widget) {
  if (!widget->hasFocus()) return;
  QStylePainter painter(widget);
  QStyleOptionFocusRect option;
  option.initFrom(widget);
  option.backgroundColor = widget->palette().color(QPalette::Window);
  painter.drawPrimitive(QStyle::PE_FrameFocusRect, option);
}

}  // namespace headstart::ui
