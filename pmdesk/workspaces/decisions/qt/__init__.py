"""The Decisions workspace's page, views and edits."""
