"""Pages of the budgets app: `organisation` (carbon budget and climate action plan) and `county`
(the county view of municipal emissions)."""
