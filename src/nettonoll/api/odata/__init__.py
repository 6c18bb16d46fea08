"""The read-only OData v4 feed that Power BI's OData connector reads (docs/odata-power-bi.md)."""
