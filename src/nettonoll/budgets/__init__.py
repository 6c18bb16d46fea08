"""Carbon budgets: the organisation's budget and pathways, the climate action plan, the county view."""
