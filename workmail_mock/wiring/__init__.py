"""Interception: how requests reach the mock (in-process scopes, moto's stubber and server)."""
