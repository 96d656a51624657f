"""Wire <-> Python: request validation, response shaping and dispatch to the operation
registry. Nothing in here holds state; the operations never see HTTP or JSON.
"""
