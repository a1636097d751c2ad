"""I/O adapters: the scheduling client and the outbox."""
