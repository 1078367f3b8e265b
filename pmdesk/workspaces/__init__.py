"""One package per workspace; ``pmdesk.registry`` lists them in order."""
