"""FAQ catalogue, answer choice and follow-ups."""
