"""The REST API at /api/v1/ (Django REST Framework, OpenAPI by drf-spectacular).

Every view asks the access layer (`access_of(request)`) exactly as the web does: a bearer key's
access is put on the request by `auth.BearerKeyAuthentication`, a logged-in user's is their own.
Writes go through the same services as the web's forms."""
