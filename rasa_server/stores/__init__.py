"""Where the Rasa server keeps conversations and their locks (named in endpoints.yml).

The tracker stores (Redis, or SQL with CONVERSATION_STORE=sql), the lock store, and the
reader the staff inbox and tools use to read the stored conversations back.
"""
