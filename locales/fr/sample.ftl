### Échantillonnage d'audit : plans, sélections et feuilles de travail.
