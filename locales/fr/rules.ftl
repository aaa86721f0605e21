### Le catalogue des exceptions : messages de chaque règle et sa notice (fuelrecon rules CODE).
