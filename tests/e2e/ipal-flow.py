#!/usr/bin/python3
"""The IPAL page end to end, by accessible name: the lab test reminder,
a daily entry whose effluent pH is over the limit (the form says so as it
is typed), and the page marking the saved entry as over the limit.
Beranda's IPAL card says the month's measurement broke the standard.
Prints TAP.
"""
import sys
import time

from e2e_util import (card, click, find, find_app, find_text, open_page, print_tap, start_app, stop_app, type_into,
                      workshop_dir)


def main():
    proc, data_dir = start_app(sys.argv[1], workshop_dir(sys.argv[1], "Batik Uji IPAL"))
    results = []

    def check(what, ok, detail=""):
        results.append((what, bool(ok), detail))
        return bool(ok)

    try:
        app = find_app("canting", proc.pid)
        if not check("the app appears on the accessibility bus", app):
            return results
        if not check("the window has an 'IPAL' page", find(app, "page tab", "IPAL")):
            return results
        open_page(app, "IPAL")
        check("the page reminds that the effluent must be lab-tested monthly",
              find_text(app, "wajib diuji laboratorium paling sedikit sebulan sekali"))

        click(find(app, "push button", "Catatan Baru"))
        ph_out = find(app, "text", "pH keluar")
        if not check("the entry form asks for 'pH keluar'", ph_out):
            return results
        type_into(find(app, "text", "pH masuk"), "11")
        type_into(ph_out, "9,4")
        type_into(find(app, "text", "Suhu keluar (°C)"), "31")
        type_into(find(app, "text", "Debit keluar (liter)"), "1150")
        check("the form says the pH is over the limit, by how much and under which rule",
              find_text(app, "pH 9,4, batas 9: lebih 0,4 (Permen LH 12/2025 Lamp. I)"))
        type_into(find(app, "text", "Suhu keluar (°C)"), "130")
        click(find(app, "push button", "Simpan"))
        check("an impossible temperature is refused, naming the field",
              find_text(app, "Suhu paling banyak 100 °C."))
        type_into(find(app, "text", "Suhu keluar (°C)"), "31")
        click(find(app, "push button", "Simpan"))
        time.sleep(0.5)

        check("the page lists the entry's readings", find_text(app, "pH keluar 9,4"))
        check("the page marks the entry as over the limit", find(app, "label", "1 melebihi baku mutu"))
        open_page(app, "Beranda")
        check("Beranda's IPAL card counts it as not within the standard",
              card(app, "0 dari 1 pengukuran bulan ini memenuhi baku mutu"))
        return results
    finally:
        stop_app(proc, data_dir)


if __name__ == "__main__":
    print_tap(main())
