"""SSE-C key rings: parsing key files, choosing the key that fits an object, rotation."""
