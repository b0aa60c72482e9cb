"""Eider's Preferences: the model, its reading and checking, bookmark overrides, and where
each value takes effect."""
