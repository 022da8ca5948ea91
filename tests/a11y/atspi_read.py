#!/usr/bin/python3
"""What a screen reader gets from a running HeadStart window, read over AT-SPI.

Prints the application's accessible objects, one a line, indented by depth: role, name,
description, and the value of progress bars and the like. Optionally presses a button first, as
Orca's "activate" does, and waits until some name contains a text (a prediction's " %").

Needs Debian's python3-pyatspi (hence /usr/bin/python3), and the window started on the same
session bus with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1; the README's "Screen readers and the
keyboard" shows the whole run under Xvfb. Examples:

  atspi_read.py --roles "push button" "progress bar"
  atspi_read.py --press Paste --wait-for " %" --roles "progress bar"
"""
import argparse
import sys
import time

import pyatspi


def find_application(name, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name:
                return app
        time.sleep(0.5)
    sys.exit(f"no application named {name!r} on the accessibility bus")


def walk(node, depth=0):
    yield node, depth
    for child in node:
        if child is not None:
            yield from walk(child, depth + 1)


def value(node):
    try:
        return node.queryValue().currentValue
    except NotImplementedError:
        return None


def press(app, name):
    for node, _ in walk(app):
        if node.getRoleName() == "push button" and node.name == name:
            node.queryAction().doAction(0)
            return
    sys.exit(f"no button named {name!r}")


def wait_for(app, text, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if any(text in node.name for node, _ in walk(app)):
            return
        time.sleep(1)
    sys.exit(f"no name contains {text!r} after {timeout} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", default="HeadStart", help="application name (HeadStart)")
    parser.add_argument("--press", help="press the button of this name first")
    parser.add_argument("--wait-for", help="then wait until some name contains this text")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait (120)")
    parser.add_argument("--roles", nargs="*", help="print only these roles, e.g. 'push button'")
    args = parser.parse_args()
    app = find_application(args.app, args.timeout)
    if args.press:
        press(app, args.press)
    if args.wait_for:
        wait_for(app, args.wait_for, args.timeout)
    for node, depth in walk(app):
        role = node.getRoleName()
        if args.roles and role not in args.roles:
            continue
        line = f"{'  ' * depth}[{role}] {node.name!r}"
        if node.description:
            line += f" ({node.description!r})"
        current = value(node)
        if current is not None:
            line += f" value {current:g}"
        print(line)


if __name__ == "__main__":
    main()
