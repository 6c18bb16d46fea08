"""Open interfaces: the REST API (`/api/v1/`) and the OData v4 feed (`/odata/v4/<org>/`)."""
