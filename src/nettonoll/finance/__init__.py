"""Green bonds with their projects' allocations and reported impact, and the fossil-free share
of financial holdings."""
