### The exception catalogue: each rule's messages and its manual (fuelrecon rules CODE).
