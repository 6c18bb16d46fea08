"""Form fields for numbers as Swedish users type them: "20 000" and "12,5"."""

import re
from typing import Any

from django import forms

SPACES = re.compile(r"[\s\u00a0\u202f]")


class DecimalField(forms.DecimalField):
    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = SPACES.sub("", value)
        return super().to_python(value)


class FloatField(forms.FloatField):
    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = SPACES.sub("", value)
        return super().to_python(value)
