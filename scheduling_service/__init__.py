"""The clinic's scheduling service: bookable slots and appointments over a small FHIR R4 API.

It stands in for the clinic's real scheduling system, so the assistant can offer slots,
book, look up and cancel appointments. Run it with `python -m scheduling_service`.
"""
