"""Booking: read the patient's contact details, name and preferred times from free text."""
