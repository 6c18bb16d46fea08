"""The organisation tree, memberships and roles, reorganisations."""
