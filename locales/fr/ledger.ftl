### Le registre : ce qu'un mois retient du précédent.
