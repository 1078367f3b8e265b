"""SQLAlchemy models and the pure rules of each workspace (no Qt)."""
