"""What the end-to-end tests share: finding the app and its controls on
the AT-SPI bus, by role and accessible name, the way a screen reader does."""
import os
import subprocess
import sys
import tempfile
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        children = [node.get_child_at_index(i) for i in range(node.get_child_count())]
    except gi.repository.GLib.Error:
        # A window closing while we look (a dialog just saved): its nodes
        # are gone; the rest of the tree is still there.
        return
    for child in children:
        yield from walk(child, depth + 1)


def find_app(name, pid=None, timeout=15):
    """The application @name on the bus; with @pid, the one that process
    runs (the whole suite shares one bus, and an app a test before just
    stopped may linger on it for a moment)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_name() == name and (pid is None or app.get_process_id() == pid):
                    return app
            except gi.repository.GLib.Error:
                continue
        time.sleep(0.1)
    return None


def find(app, role, name, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in walk(app):
            try:
                if node.get_role_name() == role and node.get_name() == name:
                    return node
            except gi.repository.GLib.Error:
                pass
        time.sleep(0.1)
    return None


def find_where(root, role, test, timeout=10):
    """The first node of @role whose name passes @test; nodes vanishing
    while we look (a list redrawn) are passed over."""
    deadline = time.time() + timeout
    while True:
        for node in walk(root):
            try:
                if node.get_role_name() == role and test(node.get_name() or ""):
                    return node
            except gi.repository.GLib.Error:
                pass
        if time.time() >= deadline:
            return None
        time.sleep(0.1)


def find_text(app, part, timeout=10):
    """A label, alert or status line whose text contains @part."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in walk(app):
            try:
                if node.get_role_name() in ("label", "alert", "status bar", "notification") and \
                        part in (node.get_name() or ""):
                    return node
            except gi.repository.GLib.Error:
                pass
        time.sleep(0.1)
    return None


def window_of(node):
    """The top-level window holding @node."""
    while node is not None:
        parent = node.get_parent()
        if parent is None or parent.get_role_name() == "application":
            return node
        node = parent
    return None


def pointer_click(node):
    """Clicks the middle of @node with the X pointer (xdotool), for what
    GTK 4.8 gives no AT-SPI action: opening a drop-down.  Under Xvfb
    without a window manager every window sits at the screen's origin,
    so window coordinates are screen coordinates."""
    e = node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    subprocess.run(["xdotool", "mousemove", str(e.x + e.width // 2), str(e.y + e.height // 2),
                    "click", "1"], check=True)
    time.sleep(0.6)


def pointer_double_click(node):
    """Opens a list row the way a person does: a double click on it."""
    e = node.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    subprocess.run(["xdotool", "mousemove", str(e.x + e.width // 2), str(e.y + e.height // 2),
                    "click", "--repeat", "2", "--delay", "80", "1"], check=True)
    time.sleep(1.0)


def close_window_of(node):
    """Escape in the window holding @node: how Canting's forms close."""
    pointer_click(node)
    press("Escape")
    time.sleep(0.5)


def press(*keys):
    """Keys typed where the pointer is (the window under it has focus)."""
    subprocess.run(["xdotool", "key", "--delay", "80", *keys], check=True)
    time.sleep(0.4)


def choose(combo, index):
    """Picks item @index (from 0) of a drop-down as a person does with the
    keyboard: open it, arrow down from the first item, Enter."""
    pointer_click(combo)
    press("Home", *(["Down"] * index), "Return")


def click(node):
    """Activates a button or tab as a screen reader would."""
    node.get_action_iface().do_action(0)


def open_page(app, name):
    """Shows the main window's page @name.  Its buttons act only once it
    is mapped, a frame later: wait for that."""
    click(find(app, "page tab", name))
    time.sleep(0.8)


def type_into(node, text):
    node.get_editable_text_iface().set_text_contents(text)


def workshop_dir(gui, name):
    """A fresh data dir whose workshop is set up (named @name, in Blitar),
    so Beranda shows its cards rather than the first-run welcome."""
    import sqlite3
    data_dir = tempfile.mkdtemp(prefix="canting-e2e-")
    cli = os.path.join(os.path.dirname(os.path.dirname(gui)), "cli", "canting-cli")
    subprocess.run([cli, "--data-dir", data_dir, "info"], check=True, stdout=subprocess.DEVNULL)
    db = sqlite3.connect(os.path.join(data_dir, "canting.db"))
    db.execute("UPDATE workshop SET name = ?, city = 'Blitar'", (name,))
    db.commit()
    db.close()
    return data_dir


def card(app, part, timeout=10):
    """The Beranda card (a button named by all it says) containing @part."""
    return find_where(app, "push button", lambda name: part in name, timeout)


def start_app(binary, data_dir=None):
    """The real app on @data_dir (a fresh one by default), in Indonesian,
    on the bus."""
    if data_dir is None:
        data_dir = tempfile.mkdtemp(prefix="canting-e2e-")
    env = dict(os.environ, GDK_BACKEND="x11", GSK_RENDERER="cairo", LANGUAGE="id")
    env.pop("NO_AT_BRIDGE", None)
    return subprocess.Popen([binary, "--data-dir", data_dir], env=env), data_dir


def stop_app(proc, data_dir):
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
    subprocess.run(["rm", "-rf", data_dir])


def print_tap(results):
    """Prints (what, ok, detail) results as TAP and exits with its verdict."""
    print(f"1..{len(results)}")
    failed = 0
    for i, (what, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {what}")
        if not ok:
            failed += 1
            if detail:
                print(f"# {detail}")
    sys.exit(1 if failed else 0)
