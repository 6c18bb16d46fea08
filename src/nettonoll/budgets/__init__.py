"""Carbon budgets, climate action plan measures and the county view (the carbon-budget issue)."""
