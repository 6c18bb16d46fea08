"""Carbon budgets: the organisation's budget, the climate action plan, the county view."""
