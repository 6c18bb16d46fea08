"""Plans, goals, distribution, activities, follow-up rounds and entries (the goals issue)."""
