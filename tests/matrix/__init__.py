"""Rows of the authorisation matrix kept beside a capability: each module here defines `ROWS`
(url name → [(path, method, expected per role)]) built with `tests.matrix.answers`;
tests/test_authorisation_matrix.py adds them all to its MATRIX."""

import importlib
import pkgutil

ROLES = ["anonymous", "administrator", "strategist", "manager", "contributor", "reader", "outsider"]
Rows = dict[str, list[tuple[str, str, dict[str, int]]]]


def answers(
    anonymous: int,
    administrator: int,
    strategist: int,
    manager: int,
    contributor: int,
    reader: int,
    outsider: int,
) -> dict[str, int]:
    return dict(
        zip(
            ROLES,
            [anonymous, administrator, strategist, manager, contributor, reader, outsider],
            strict=True,
        )
    )


def collected_rows() -> Rows:
    """Every module's ROWS; a url name in two modules is an error."""
    rows: Rows = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        part: Rows = module.ROWS
        twice = set(part) & set(rows)
        assert not twice, f"{module_info.name}: {sorted(twice)} are already in the matrix"
        rows.update(part)
    return rows
