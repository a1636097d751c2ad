"""Developer tooling: start the real assistant, evaluate it, and support end-to-end tests."""
