"""Report builders (HTML, PDF, DOCX, XLSX) and frozen snapshots (the goals issue)."""
