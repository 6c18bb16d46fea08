"""How a refused write answers: 400 with the service's Swedish message, 409 with the message
and what someone else saved (the same refusals as the web's forms)."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

REFUSED = OpenApiResponse(
    response=inline_serializer(
        "Refused",
        {
            "non_field_errors": serializers.ListField(
                child=serializers.CharField(), required=False
            ),
        },
    ),
    description="Ändringen bryter mot en regel; meddelandet säger vilken (fältfel per fält).",
)
CONFLICT = OpenApiResponse(
    response=inline_serializer(
        "Conflict",
        {
            "detail": serializers.CharField(),
            "current": serializers.DictField(allow_null=True),
        },
    ),
    description="Någon annan har sparat sedan du läste: `current` är det sparade.",
)


def refused(error: Exception) -> Response:
    return Response({"non_field_errors": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)


def conflict_response(error: Exception, current: Any) -> Response:
    return Response({"detail": str(error), "current": current}, status=status.HTTP_409_CONFLICT)
