"""Energy feedback to units (their share of their buildings' normalised energy, month by month,
against the same month last year; an opt-in monthly e-mail) and energy-efficiency measures
linked to activities, followed up as normalised savings."""
