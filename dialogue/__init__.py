"""Rasa dialogue components of the assistant (policies), registered through config.yml."""
