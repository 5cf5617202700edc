#!/usr/bin/python3
"""The whole app with the keyboard alone, and the focus always somewhere.

A fresh workshop, driven only by keystrokes (xdotool key and type, as a
person at the keyboard): Tab to the welcome page's "Set Up Workshop
Profile" and Enter; the workshop's name and city typed into Preferences,
closed with Escape; F1 for help and Escape out of it; Alt+9 to Customers,
Ctrl+N, the form filled with typing and Tab, Ctrl+S; Alt+2 to Orders,
Ctrl+N, the customer chosen from its drop-down (space, Home, Enter), a piece
made to order typed in, Ctrl+S.  The database then holds the workshop's
profile, the customer and the order.

AT-SPI only reads: where the focus is (from its focus events, as a screen
reader learns it) and the names of things.  After every step the focused
control must be in the window that has the keyboard: a focus lost in
nowhere is a keyboard user lost.

Without a window manager under Xvfb, keys go to the window under the
pointer; every window sits at the screen's origin, so the pointer is
parked once at (10, 10), over whichever window is on top.  Nothing is
clicked.  Prints TAP.
"""
import os
import sqlite3
import subprocess
import sys
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

from e2e_util import find_app, print_tap, start_app, stop_app, walk  # noqa: E402

# Workshop, customer and order as typed.
WORKSHOP = "Batik Tulis Kembang Turi"
CITY = "Blitar"
CUSTOMER = "Bu Siti Rahayu"
PHONE = "0812-3456-7890"
PIECE = "Kain panjang sogan"
PRICE = "350.000"


class Focus:
    """The focused control, followed through AT-SPI's focus events."""

    def __init__(self, app):
        self.app = app
        self.node = None
        self.listener = Atspi.EventListener.new(self._on_event)
        self.listener.register("object:state-changed:focused")

    def _on_event(self, event):
        if event.detail1 == 1:
            self.node = event.source

    def pump(self, seconds):
        """Lets AT-SPI's events in for @seconds."""
        context = GLib.MainContext.default()
        deadline = time.time() + seconds
        while True:
            while context.iteration(False):
                pass
            if time.time() >= deadline:
                return
            time.sleep(0.02)

    def keyboard_window(self):
        """The window the keys go to: the newest one still open.  (Without
        a window manager GTK 4.8 does not always mark it active, so
        AT-SPI's ACTIVE state cannot tell.)"""
        for i in reversed(range(self.app.get_child_count())):
            window = self.app.get_child_at_index(i)
            try:
                if window is not None and window.get_state_set().contains(Atspi.StateType.VISIBLE):
                    return window
            except GLib.Error:
                continue
        return None

    def now(self):
        """(window, control): the window the keys go to and its focused
        control, or None where there is none."""
        self.pump(0.05)
        window = self.keyboard_window()
        node = self.node
        try:
            if node is not None and window is not None and \
                    node.get_state_set().contains(Atspi.StateType.FOCUSED) and self._inside(node, window):
                return window, node
        except GLib.Error:
            pass
        # An event missed (a window shown before we listened): look.
        if window is None:
            return None, None
        for candidate in walk(window):
            try:
                if candidate.get_state_set().contains(Atspi.StateType.FOCUSED):
                    self.node = candidate
                    return window, candidate
            except GLib.Error:
                continue
        return window, None

    @staticmethod
    def _inside(node, window):
        while node is not None:
            if node == window:
                return True
            node = node.get_parent()
        return False

    def wait(self, test, timeout=5):
        """Waits until the focused control passes test(role, name, window
        name); returns it, or None."""
        deadline = time.time() + timeout
        while True:
            window, node = self.now()
            if node is not None:
                try:
                    if test(node.get_role_name(), node.get_name() or "", window.get_name() or ""):
                        return node
                except GLib.Error:
                    pass
            if time.time() >= deadline:
                return None
            self.pump(0.1)

    def describe(self):
        window, node = self.now()
        if node is None:
            return f"no focused control in {window.get_name() if window else 'no window'!r}"
        return f"focus on {node.get_role_name()} {node.get_name()!r} in {window.get_name()!r}"


def key(*keys):
    subprocess.run(["xdotool", "key", "--delay", "60", *keys], check=True)
    time.sleep(0.1)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "30", text], check=True)
    time.sleep(0.1)


def main():
    proc, data_dir = start_app(sys.argv[1])
    db_path = os.path.join(data_dir, "canting.db")
    results = []

    def check(what, ok, detail=""):
        results.append((what, bool(ok), detail))
        return bool(ok)

    def query(sql, timeout=5):
        """The first row of @sql once it has one (the app saves a moment
        after a window closes), or None."""
        deadline = time.time() + timeout
        while True:
            try:
                db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=2)
                try:
                    row = db.execute(sql).fetchone()
                finally:
                    db.close()
                if row is not None and row[0] is not None:
                    return row
            except sqlite3.Error:
                pass
            if time.time() >= deadline:
                return None
            time.sleep(0.1)

    try:
        app = find_app("canting", proc.pid)
        if not check("the app appears on the accessibility bus", app):
            return results
        focus = Focus(app)
        subprocess.run(["xdotool", "mousemove", "10", "10"], check=True)

        def focus_kept(step, window_test=lambda name: True):
            """The step left the focus on a control of the active window."""
            node = focus.wait(lambda role, name, window: window_test(window))
            return check(f"after {step}, a control of the window in front has the focus", node, focus.describe())

        def wait_window(test, timeout=5):
            """The window in front once its name passes @test, or None."""
            deadline = time.time() + timeout
            while True:
                window = focus.keyboard_window()
                try:
                    if window is not None and test(window.get_name() or ""):
                        return window
                except GLib.Error:
                    pass
                if time.time() >= deadline:
                    return None
                focus.pump(0.1)

        def tab_to(test, limit=30, back=False):
            """Tab (Shift+Tab with @back) until the focus is on a control
            passing test(role, name); it, or None after @limit presses."""
            for _ in range(limit):
                node = focus.wait(lambda role, name, window: test(role, name), timeout=0.3)
                if node is not None:
                    return node
                key("shift+Tab" if back else "Tab")
            return focus.wait(lambda role, name, window: test(role, name), timeout=0.5)

        # "Canting", or "<workshop> — Canting" once it has a name.
        main_window = lambda name: name == "Canting" or name.endswith("— Canting")  # noqa: E731

        # The welcome page: its first button is a Tab or two away.
        if not focus_kept("the start", main_window):
            return results
        setup = tab_to(lambda role, name: role == "push button" and name == "Isi Profil Bengkel", limit=10)
        if not check("Tab reaches the welcome page's Isi Profil Bengkel", setup, focus.describe()):
            return results
        key("Return")
        # GTK 4.8 shows AT-SPI no focus inside an AdwEntryRow (its text
        # field is not in the tree): what is typed, read back from the
        # database, says where the focus was.
        if not check("Enter opens Preferences", wait_window(lambda name: name == "Pengaturan"), focus.describe()):
            return results
        type_text(WORKSHOP)
        key("Tab", "Tab", "Tab")  # owner, address, city
        type_text(CITY)
        key("Escape")
        focus_kept("Escape closes Preferences", main_window)
        check("the profile typed is saved: the focus was on the name, Tab went on to the city",
              query(f"SELECT name FROM workshop WHERE name = '{WORKSHOP}' AND city = '{CITY}'"))

        # Help for the section in view, and out of it again.
        key("F1")
        check("F1 opens help, with the focus in it",
              focus.wait(lambda role, name, window: window == "Bantuan Canting"), focus.describe())
        key("Escape")
        focus_kept("Escape closes help", main_window)

        # A customer: Alt+9 is Customers, Ctrl+N its form.
        key("alt+9")
        focus_kept("Alt+9", main_window)
        key("ctrl+n")
        if not check("Ctrl+N on Pelanggan opens the customer form",
                     wait_window(lambda name: not main_window(name)), focus.describe()):
            return results
        type_text(CUSTOMER)
        key("Tab")
        type_text(PHONE)
        key("ctrl+s")
        focus_kept("Ctrl+S saves the customer form", main_window)
        customer = query(f"SELECT id FROM customers WHERE name = '{CUSTOMER}' AND phone = '{PHONE}'")
        check("the customer is in the database, as typed from the form's first field on", customer)

        # An order for the customer: Alt+2 is Orders.
        key("alt+2")
        focus_kept("Alt+2", main_window)
        key("ctrl+n")
        chooser = focus.wait(lambda role, name, window: role in ("combo box", "push button") and name == "Pelanggan" and
                             not main_window(window))
        if not check("Ctrl+N on Pesanan opens the order form, the focus on its customer", chooser,
                     focus.describe()):
            return results
        order_window = focus.now()[0]
        # The drop-down's list opens on space; Home goes to its first
        # customer (the only one), Enter takes it.  (Enter alone, with no
        # item focused yet, closes the list choosing nothing in GTK 4.8.)
        key("space")
        focus_kept("space opens the customer list")
        key("Home", "Return")
        focus.wait(lambda role, name, window: role in ("combo box", "push button") and name == "Pelanggan")
        customer_choice = [node for node in walk(order_window)
                           if node.get_role_name() == "combo box" and node.get_name() == "Pelanggan"]
        check("the customer is chosen",
              customer_choice and any(node.get_role_name() == "label" and node.get_name() == CUSTOMER
                                      for node in walk(customer_choice[0])))
        if not check("Tab reaches the first line's description",
                     tab_to(lambda role, name: role == "text" and name == "Keterangan, baris 1", limit=25),
                     focus.describe()):
            return results
        type_text(PIECE)
        check("Tab reaches its unit price",
              tab_to(lambda role, name: role == "text" and name == "Harga satuan, baris 1", limit=4),
              focus.describe())
        type_text(PRICE)
        key("ctrl+s")
        if not focus_kept("Ctrl+S saves the order", main_window):
            print("# alerts:", [n.get_name() for n in walk(order_window) if n.get_role_name() == "alert"])
        order = query("SELECT o.number FROM orders o JOIN order_items i ON i.order_id = o.id "
                      f"WHERE o.customer_id = {customer[0] if customer else 0} AND i.description = '{PIECE}' "
                      "AND i.quantity = 1 AND i.unit_price = 350000")
        check("the order is in the database, for the customer, with the piece", order)
        return results
    finally:
        stop_app(proc, data_dir)


if __name__ == "__main__":
    start = time.time()
    try:
        results = main()
    finally:
        print(f"# {time.time() - start:.1f} s")
    print_tap(results)
