#!/usr/bin/python3
"""Every control a person can operate has a clean accessible name.

Starts the real app on a fresh data dir, opens Preferences the way a
screen-reader user would (by activating the named button), then walks the
AT-SPI tree of every window and every page of Preferences.  A button, entry,
combo or switch without a name is invisible to a screen reader and to the
end-to-end tests, which find controls by name.  Prints TAP.
"""
import re
import sys
import time

import gi

from e2e_util import click, find, find_app, print_tap, start_app, stop_app, walk

OPERABLE = {"push button", "toggle button", "text", "entry", "password text",
            "combo box", "check box", "radio button", "switch", "spin button",
            "menu item", "page tab", "slider"}


# GTK 4.8 names a control that has no accessible name after its type
# ("GtkImage" for an icon-only button): that counts as no name.
TYPE_NAME = re.compile(r"^(Gtk|Adw)[A-Z][A-Za-z]*$")

# AdwPreferencesWindow's own search entry: never shown, since Canting turns
# the search off (search-enabled is False), but GTK 4.8 still lists it.
IGNORED = {("entry", "GtkSearchEntry")}


def unnamed(app):
    """Names of the problems: controls without a usable accessible name.

    GTK 4.8 exports no SHOWING state, so every control in the tree is
    checked, shown or not; hidden controls deserve names as well."""
    missing = []
    for node in walk(app):
        try:
            role = node.get_role_name()
            if role not in OPERABLE:
                continue
            name = (node.get_name() or "").strip()
            if (role, name) in IGNORED:
                continue
            if not name or TYPE_NAME.match(name):
                parent = node.get_parent()
                missing.append(f"{role} inside {parent.get_role_name()} '{parent.get_name()}'")
            elif name.startswith("_") or " _" in name:
                # GTK 4.8 reads a mnemonic button as "_Label Label": a
                # screen reader says it twice, underscore and all.
                missing.append(f"{role} '{name}' (mnemonic in its name)")
        except gi.repository.GLib.Error:
            continue
    return missing


def repeated(window):
    """Names shared by several controls of one window: a screen reader
    cannot tell "Stage" from "Stage" or which "each colour" a box is."""
    seen = {}
    for node in walk(window):
        try:
            role = node.get_role_name()
            # The view switcher exists twice (wide and narrow), so its
            # tabs do too: only one is ever shown.
            if role not in OPERABLE or role == "page tab":
                continue
            name = (node.get_name() or "").strip()
            if name and (role, name) not in IGNORED:
                seen[(role, name)] = seen.get((role, name), 0) + 1
        except gi.repository.GLib.Error:
            continue
    return [f"{role} '{name}' ×{n}" for (role, name), n in seen.items() if n > 1]


def main():
    proc, data_dir = start_app(sys.argv[1])
    results = []
    try:
        app = find_app("canting", proc.pid)
        results.append(("the app appears on the accessibility bus", app is not None, ""))
        if app is None:
            return results
        # The name check is only worth something once the window's
        # controls are on the bus; a slow machine takes a moment.
        checked = 0
        deadline = time.time() + 10
        while checked < 4 and time.time() < deadline:
            checked = sum(1 for n in walk(app) if n.get_role_name() in OPERABLE)
            time.sleep(0.1)
        results.append(("the main window exposes its controls", checked >= 4, f"{checked} controls"))
        missing = unnamed(app)
        results.append(("every control of the main window has a name", not missing,
                        "missing names: " + "; ".join(missing)))

        setup = find(app, "push button", "Isi Profil Bengkel")
        results.append(("the welcome button is found by its Indonesian name", setup is not None, ""))
        if setup is None:
            return results
        click(setup)
        name_entry = find(app, "text", "Nama bengkel")
        results.append(("Preferences opens with a 'Nama bengkel' entry", name_entry is not None, ""))

        # The main window has a "Produksi" tab too: look inside Preferences.
        windows = [app.get_child_at_index(i) for i in range(app.get_child_count())]
        prefs = next((w for w in windows if w is not None and w.get_name() == "Pengaturan"), None)
        results.append(("Preferences is a window named 'Pengaturan'", prefs is not None, ""))
        if prefs is None:
            return results
        for tab in ("Bengkel", "Umum", "Produksi", "Cadangan"):
            node = find(prefs, "page tab", tab)
            if node is None:
                results.append((f"Preferences has a '{tab}' tab", False, ""))
                continue
            click(node)
            time.sleep(0.3)
            missing = unnamed(app)
            results.append((f"every control on the '{tab}' tab has a name", not missing,
                            "missing names: " + "; ".join(missing)))
            if tab == "Produksi":
                twice = repeated(prefs)
                results.append(("each stage control on the 'Produksi' tab has its own name", not twice, "; ".join(twice)))
        return results
    finally:
        stop_app(proc, data_dir)


if __name__ == "__main__":
    print_tap(main())
