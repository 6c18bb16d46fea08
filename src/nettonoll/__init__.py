"""Nettonoll: environmental and climate management for Swedish regions."""

__version__ = "0.1.0"
