"""The project as JSON and CSV (no Qt)."""
