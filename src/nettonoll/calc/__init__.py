"""Framework-free calculations (units, factors, klimatbokslut, budgets, pathways, trends).

Never imports Django or another nettonoll package; tested without a database. The modules arrive
with the klimatbokslut and carbon-budget issues.
"""
