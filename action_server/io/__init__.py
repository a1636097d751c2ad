"""The action server's I/O: the scheduling client, the outbox and its worker, call backs.

Only actions/ (and the outbox worker beside the action server) use these; the Rasa server
never imports them.
"""
