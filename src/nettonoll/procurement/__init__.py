"""Procurements with their sustainability requirements and each requirement's follow-up."""
