"""Edit > Preferences: the window over `app.core.preferences` and the transfer limits."""
