"""Reads of the budgets app: `organisation` (budget, pathways, action plan) and `county`
(territorial data per county and municipality)."""
