"""Writes sample-data/fr/factures.xlsx, the French office's vendor invoice, as a vendor's
spreadsheet would be: a title row above the header, date cells, a #N/A error cell.

Run from the repository root: python3 sample-data/make_fr_invoice.py (needs openpyxl).
"""
import datetime

from openpyxl import Workbook

wb = Workbook()
ws = wb.active
ws.title = "Septembre"
ws.append(["Total Énergies Sénégal - relevé de factures carburant, septembre 2024"])
ws.append(["N° Facture", "Fournisseur", "Date facture", "Ligne", "N° Reçu", "Immatriculation",
           "Date livraison", "Produit", "Quantité", "Prix unitaire", "Montant", "Total facture"])
day = lambda d: datetime.datetime(2024, 9, d)
lines = [
    (1, "RC-7001", "DK-1234-A", day(2), "Gasoil", 45.5, 655, 29803),
    (2, "RC-7002", "DK-2210-B", day(3), "Gasoil", 50, 655, 32750),
    (3, "RC-7003", "DK-1234-A", day(5), "Gasoil", 40, 655, 26200),
    (4, "RC-7004", "DK-3300-C", day(6), "Super", 30, 775, 23250),
    (5, "RC-7005", "DK-2210-B", day(9), "Gasoil", 40, 655, "#N/A"),
    (6, "RC-7006", "DK-3300-C", day(7), "Super", 35, 775, 27125),
]
for n, receipt, vehicle, fill, product, litres, price, amount in lines:
    ws.append(["FA-2409-01", "TOTAL ENERGIES", day(30), n, receipt, vehicle, fill, product,
               litres, price, amount, 165328])
for row in ws.iter_rows(min_row=3):
    row[2].number_format = "DD/MM/YYYY"
    row[6].number_format = "DD/MM/YYYY"
# openpyxl writes "#N/A" as an error cell (t="e").
wb.save("sample-data/fr/factures.xlsx")
