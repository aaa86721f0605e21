### Les mots de la ligne de commande : aide, avancement, bilans et erreurs de chaque commande.

## La langue demandée (--lang, ou lang dans la configuration) n'est pas disponible.
## $code : ce qui a été demandé ; $available : les codes disponibles, séparés par des virgules.

cli-unknown-language = langue inconnue "{ $code }" : choisissez parmi { $available }
