"""The .pmdb file: identify, open into a working copy, save, migrate (no Qt)."""
