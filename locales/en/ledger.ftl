### The ledger: what one month remembers of the last.
