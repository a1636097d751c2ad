"""The project's own spaCy pipeline for Rasa: entity patterns, builder and entity extractor."""
