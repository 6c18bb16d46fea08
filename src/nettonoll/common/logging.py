"""Logging filters: a refused request (403, 404) is one line in the log, not a traceback."""

import logging


class OneLineForRefusals(logging.Filter):
    """Drops the traceback Django attaches to 'Forbidden (Permission denied)' records: a refusal
    is the access layer working as intended, and a traceback per refusal buries real errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in (403, 404):
            record.exc_info = None
            record.exc_text = None
        return True
