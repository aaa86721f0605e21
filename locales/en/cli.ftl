### The command line's own words: help, progress, summaries and errors of every command.

## The language asked for (--lang, or lang in the config) is not one fuelrecon has.
## $code: what was asked; $available: the codes it has, comma-separated.

cli-unknown-language = unknown language "{ $code }": use one of { $available }
