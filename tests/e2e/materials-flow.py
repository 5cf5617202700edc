#!/usr/bin/python3
"""The Bahan page end to end, as a person (or a screen reader) drives it.

Adds a material with a reorder level, records a purchase of it (a wrong
quantity is refused with a message first), and sees the stock, the
average cost and the low-stock warning on the page; all through AT-SPI by
the Indonesian names people see.  Prints TAP.
"""
import sys
import time

from e2e_util import click, find, find_app, find_text, open_page, print_tap, start_app, stop_app, type_into, window_of


def main():
    proc, data_dir = start_app(sys.argv[1])
    results = []

    def check(what, node, detail=""):
        results.append((what, node is not None, detail))
        return node is not None

    try:
        app = find_app("canting", proc.pid)
        if not check("the app appears on the accessibility bus", app):
            return results
        if not check("the window has a 'Bahan' page", find(app, "page tab", "Bahan")):
            return results
        open_page(app, "Bahan")

        # A new material: "Mori Abang", rolls of 30 m, warn at 50 m.
        add = find(app, "push button", "Bahan Baru")
        if not check("the page offers 'Bahan Baru'", add):
            return results
        click(add)
        name = find(app, "text", "Nama bahan")
        if not check("the form asks for 'Nama bahan'", name):
            return results
        type_into(name, "Mori Abang")
        type_into(find(app, "text", "Isi satu gulung"), "30")
        type_into(find(app, "text", "Ingatkan bila tersedia tinggal"), "50")
        type_into(find(app, "text", "Pemasok utama"), "Toko Kain Sejahtera")
        click(find(app, "push button", "Simpan"))
        check("the new material is listed", find(app, "label", "Mori Abang"))

        # A purchase from the page: the list's first material is offered.
        click(find(app, "push button", "Catat Pembelian"))
        quantity = find(app, "text", "Jumlah")
        if not check("the purchase form asks for 'Jumlah'", quantity):
            return results
        check("the purchase form offers 'Mori Abang'", find(window_of(quantity), "label", "Mori Abang", timeout=2))
        type_into(quantity, "0")
        type_into(find(app, "text", "Total harga dibayar (Rp)"), "1.350.000")
        click(find(app, "push button", "Catat"))
        check("a purchase of nothing is refused, saying why", find_text(app, "Ketik jumlah lebih dari nol."))
        type_into(quantity, "45")
        check("the form says what the stock will be and the price per metre",
              find_text(app, "Sesudah ini: 45 m. Artinya Rp 30.000 per m."))
        click(find(app, "push button", "Catat"))
        time.sleep(0.5)

        check("the page shows the stock", find(app, "label", "45 m"))
        check("the page shows the average cost", find(app, "label", "Rp 30.000/m"))
        check("the page warns that it is low (45 m, warn at 50 m)",
              find_text(app, "1 bahan sudah mencapai batas pesan ulang."))
        return results
    finally:
        stop_app(proc, data_dir)


if __name__ == "__main__":
    print_tap(main())
