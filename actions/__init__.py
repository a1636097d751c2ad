"""Rasa SDK glue: custom actions. Decisions live in `clinic`; this package only talks to Rasa."""
