"""The Word briefing: a project turned into a .docx an executive can read (no Qt here).

:func:`pmdesk.briefing.exporter.export_briefing` is the one entry point for the app and the
command line. Each section of the document lives in its own module under ``sections``.
"""
