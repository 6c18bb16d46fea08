"""Registers that feed indicators: vehicles, charging points and backup power (issue 11).

Each register is a model on the tree (`organisations.records.NodeRecord`: audited, versioned,
in service from–to) plus a declaration (`registers.declarations.Register`) that the shared pages,
imports, exports and metric sources read."""
