"""The Briefing workspace."""
