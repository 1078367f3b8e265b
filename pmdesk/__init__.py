"""PM Desk: an offline desktop workbench for product managers."""

__version__ = "0.1.0"
APP_NAME = "PM Desk"
