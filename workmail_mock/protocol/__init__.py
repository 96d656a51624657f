"""Wire <-> Python: the service model, request validation, response shaping and dispatch.

Nothing in here holds state; the backend never sees HTTP or JSON.
"""
