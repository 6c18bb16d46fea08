"""Shared building blocks: base models, import/export of tables, htmx helpers, permission primitives."""
