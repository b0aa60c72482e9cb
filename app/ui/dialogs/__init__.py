"""Dialogs: bookmark editor / connect, MFA code prompt, profile import report."""
