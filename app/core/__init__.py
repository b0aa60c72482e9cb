"""Eider's Qt-free core. Nothing here may import PySide6 (an import-linter contract)."""
