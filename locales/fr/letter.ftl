### Lettres de contestation aux fournisseurs (disputes/FOURNISSEUR.html et .csv).
