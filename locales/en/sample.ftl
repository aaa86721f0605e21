### Audit sampling: plans, selections and workpapers.
