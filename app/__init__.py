"""Eider: a desktop file-transfer browser for S3 and S3-compatible object storage."""

__version__ = "0.1.0"
