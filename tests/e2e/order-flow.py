#!/usr/bin/python3
"""An order from first contact to delivery, end to end by accessible name.

Creates a customer, a worker with piece rates and a product; takes an order for two pieces
with a DP (an overpayment refused first), confirms it, starts production,
marks every stage done, and delivers it; on the way the balance, the
finished-goods stock (up when production ends, down on delivery) and the
status, and the wages the worker earned show as a person would see them.  Drop-downs are opened with the
pointer and chosen with the keyboard (xdotool), as GTK 4.8 gives their
lists no AT-SPI action.  Prints TAP.
"""
import sys
import time

from e2e_util import (choose, click, close_window_of, find, find_app, find_text, find_where, open_page, pointer_click,
                      pointer_double_click, print_tap, start_app, stop_app, type_into, window_of)


def main():
    proc, data_dir = start_app(sys.argv[1])
    results = []

    def check(what, ok, detail=""):
        results.append((what, bool(ok), detail))
        return bool(ok)

    def save_form(field):
        """Clicks Simpan in the form holding @field and waits for it to close."""
        form = window_of(field)
        click(find(form, "push button", "Simpan"))
        deadline = time.time() + 5
        while time.time() < deadline and find(app, "text", field.get_name(), timeout=0.2) is not None:
            time.sleep(0.1)

    try:
        app = find_app("canting", proc.pid)
        if not check("the app appears on the accessibility bus", app):
            return results

        # A customer.
        open_page(app, "Pelanggan")
        click(find(app, "push button", "Pelanggan Baru"))
        name = find(app, "text", "Nama pelanggan")
        if not check("the customer form opens", name):
            return results
        type_into(name, "Bu Siti Rahayu")
        type_into(find(app, "text", "Telepon atau WhatsApp"), "0812-3456-7890")
        save_form(name)
        check("the customer is listed", find(app, "label", "Bu Siti Rahayu"))

        # A worker to do the stages.
        open_page(app, "Pembatik")
        click(find(app, "push button", "Pembatik Baru"))
        name = find(app, "text", "Nama pembatik")
        if not check("the worker form opens", name):
            return results
        type_into(name, "Mbak Yuli")
        # Piece rates for batik tulis: Rp 52.000 a piece in all.  Its
        # stages show once it is opened.
        pointer_click(find(window_of(name), "list item", "Batik tulis"))
        for stage, rate in (("Pola", "10rb"), ("Nglowong", "15.000"), ("Isen-isen", "10rb"), ("Nembok", "5rb"),
                            ("Pewarnaan", "5.000"), ("Lorod", "5rb"), ("Finishing", "2000")):
            type_into(find(window_of(name), "text", f"Upah untuk {stage}, Batik tulis {stage}"), rate)
        save_form(name)
        check("the worker is listed", find(app, "label", "Mbak Yuli"))

        # A product, none in stock yet.
        open_page(app, "Produk")
        click(find(app, "push button", "Produk Baru"))
        name = find(app, "text", "Nama produk")
        if not check("the product form opens", name):
            return results
        type_into(name, "Kemeja Parabha")
        type_into(find(app, "text", "Harga per potong (Rp)"), "230.000")
        save_form(name)
        check("the product is listed", find(app, "label", "Kemeja Parabha"))

        # The order: two shirts, a DP of Rp 100.000.
        open_page(app, "Pesanan")
        click(find(app, "push button", "Pesanan Baru"))
        product = find(app, "combo box", "Produk, baris 1")
        if not check("the order form opens with an item line", product):
            return results
        order = window_of(product)
        customer = find(order, "combo box", "Pelanggan")
        choose(customer, 0)
        check("the order is for Bu Siti Rahayu", find(order, "label", "Bu Siti Rahayu", timeout=3))
        choose(product, 1)  # 0 is a custom piece, 1 the catalog's shirt
        check("the item is the catalog's shirt", find_text(order, "· Kemeja Parabha", timeout=3))
        pieces = find(order, "spin button", "Jumlah, baris 1")
        pieces.get_value_iface().set_current_value(2)
        check("two shirts come to Rp 460.000", find(order, "label", "Rp 460.000", timeout=3))

        type_into(find(order, "text", "Jumlah dibayar (Rp)"), "1 jt")
        click(find(order, "push button", "Catat Pembayaran"))
        check("paying more than is owed is refused, saying why",
              find_text(order, "lebih besar dari sisa tagihan Rp 460.000"))
        type_into(find(order, "text", "Jumlah dibayar (Rp)"), "100rb")
        click(find(order, "check box", "Uang muka (DP)"))
        click(find(order, "push button", "Catat Pembayaran"))
        check("the DP leaves Rp 360.000 to pay", find(order, "label", "Rp 360.000", timeout=3))

        # Into production; every stage done by Mbak Yuli.
        click(find(order, "push button", "Konfirmasi"))
        start = find(order, "push button", "Mulai Produksi")
        if not check("a confirmed order can start production", start):
            return results
        click(start)
        def stage_button(timeout):
            return find_where(order, "push button", lambda name: name.startswith("Tandai Kemeja Parabha"), timeout)

        done, stuck = 0, ""
        for _ in range(12):
            button = stage_button(5 if done == 0 else 1)
            if button is None:
                break
            name = button.get_name()
            click(button)
            # The next stage's button replaces this one once it is saved.
            deadline = time.time() + 5
            while find(order, "push button", name, timeout=0.1) is not None and time.time() < deadline:
                time.sleep(0.1)
            if find(order, "push button", name, timeout=0.1) is not None:
                alert = find_where(order, "alert", lambda name: True, timeout=0)
                stuck = f"'{name}' stayed: {alert.get_name() if alert else ''}"
                break
            done += 1
        # Batik tulis in one colour: pola, nglowong, isen-isen, nembok,
        # pewarnaan, lorod, finishing.
        check("the seven stages are marked done one by one", done == 7, f"{done} stages {stuck}")

        # Finished pieces went into stock: the product list says 2.
        number = find_where(order, "label", lambda name: name.startswith("PSN-"), timeout=3)
        if not check("the order got its PSN number", number):
            return results
        label, number = number, number.get_name().split()[0]
        close_window_of(label)
        open_page(app, "Produk")
        main_window = window_of(find(app, "page tab", "Produk"))
        check("finishing production puts the 2 shirts in stock", find(main_window, "label", "2", timeout=3))

        # Back to the order from the list, and hand it over.
        open_page(app, "Pesanan")
        row = find(main_window, "label", number)
        if not check("the order list shows " + number, row):
            return results
        pointer_double_click(row)
        ready = find(app, "push button", "Tandai Siap")
        if not check("the order opens from its row", ready):
            return results
        order = window_of(ready)
        click(ready)
        click(find(order, "push button", "Serahkan"))
        check("the order shows it was delivered", find(order, "label", "Terkirim", timeout=3))
        close_window_of(find(order, "label", "Terkirim"))

        # Delivered: the stock is back to 0, the balance still Rp 360.000.
        open_page(app, "Produk")
        check("delivery takes the 2 shirts out of stock", find(main_window, "label", "0", timeout=3) and
              find(main_window, "label", "2", timeout=1) is None)
        open_page(app, "Pesanan")
        check("the order list shows the balance still owed", find(app, "label", "Rp 360.000", timeout=3))
        open_page(app, "Pembatik")
        check("Mbak Yuli is owed 2 pieces × Rp 52.000", find(app, "label", "Rp 104.000", timeout=3))
        return results
    finally:
        stop_app(proc, data_dir)


if __name__ == "__main__":
    print_tap(main())
