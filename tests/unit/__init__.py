"""Unit tests of pure modules: no boto3, no moto, no fixtures of tests/conftest.py."""
