"""FAQ catalogue, answer choice and follow-ups; the staff's FAQ source, its checks and import."""
