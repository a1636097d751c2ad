"""Triage: read the patient's answers and decide between emergency, consultation and self-care."""
