"""Form fields: numbers as Swedish users type them ("20 000", "12,5"); uploads with a size limit."""

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

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


class UploadField(forms.FileField):
    """A file upload refused above a limit (the setting `limit_setting`, by default
    NETTONOLL_MAX_UPLOAD_BYTES), with the limit in the message."""

    def __init__(
        self, *args: Any, limit_setting: str = "NETTONOLL_MAX_UPLOAD_BYTES", **kwargs: Any
    ):
        self.limit_setting = limit_setting
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        limit = getattr(settings, self.limit_setting)
        if upload is not None and upload.size > limit:
            raise forms.ValidationError(
                _("Filen är för stor (högst %(mb)d MB).") % {"mb": limit // (1024 * 1024)}
            )
        return upload
