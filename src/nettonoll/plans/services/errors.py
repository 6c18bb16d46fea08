"""The refusals of plans and follow-up; their messages are for the user."""


class PlanError(ValueError):
    """A change that breaks a rule of plans and follow-up; the message is for the user."""


class ConflictError(PlanError):
    """Someone else saved the same record first; `current` is what they saved."""

    def __init__(self, message: str, current: object) -> None:
        super().__init__(message)
        self.current = current
