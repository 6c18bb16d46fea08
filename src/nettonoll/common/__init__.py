"""Shared building blocks: tables in and out, backup, middleware, context for every page."""
