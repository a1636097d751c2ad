"""The clinic's own logic: no Rasa import, so every rule here is trivially unit-tested."""
