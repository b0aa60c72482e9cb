"""Eider's Qt layer. It observes and drives the core; it never calls boto3 itself."""
