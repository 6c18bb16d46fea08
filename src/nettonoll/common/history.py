"""Who made a change: the user simple-history writes into the history row of the next save."""

from typing import Any


def changed_by(instance: Any, user: Any) -> None:
    """Name `user` (or None: the system) as the author of `instance`'s next save or delete."""
    instance._history_user = user
