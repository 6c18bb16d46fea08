"""The energy_feedback app's records."""
