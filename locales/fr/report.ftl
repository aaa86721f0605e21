### index.html et les fichiers du rapport : synthèse, tableaux, graphiques, liste des exceptions.
