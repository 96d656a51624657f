"""Rules: pure decision engines for WorkMail's policy evaluation.

Three engines decide an effect from rules over plain values:

- :mod:`.access_control`: GetAccessControlEffect (IP, protocol action, user or role);
- :mod:`.mobile_device`: GetMobileDeviceAccessEffect and device access with overrides;
- :mod:`.impersonation`: GetImpersonationRoleEffect.

They share :mod:`.matching`. No boto3, no moto, no state objects and no botocore model:
these modules import only the standard library and each other, so that the operations
layer resolves ids and validates input, then hands plain values here. Every choice the
behaviour spec marks GUESS is called "a guess" in a comment where it is made.
"""
