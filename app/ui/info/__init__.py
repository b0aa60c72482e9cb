"""The Info window: an object's, a selection's or a bucket's properties and settings, edited."""
