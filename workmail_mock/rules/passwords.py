"""WorkMail's fixed password policy for WorkMail and Simple AD directories (admin guide,
password-policies.html): a pure check whose message never echoes the password."""

from __future__ import annotations

_MIN = 8
_MAX = 63  # "fewer than 64 characters"
_CLASSES_NEEDED = 3
POLICY_TEXT = (
    "The supplied password doesn't match the minimum security constraints: it must be "
    f"{_MIN} to {_MAX} Basic Latin or Latin-1 characters long and contain "
    f"characters of at least {_CLASSES_NEEDED} of these groups: uppercase letters, "
    "lowercase letters, digits, special characters, Latin-1 supplement characters"
)


def character_classes(password: str) -> int:
    """How many of the policy's five character groups a password uses."""
    upper = lower = digit = special = latin1 = False
    for char in password:
        code = ord(char)
        if "A" <= char <= "Z":
            upper = True
        elif "a" <= char <= "z":
            lower = True
        elif "0" <= char <= "9":
            digit = True
        elif code < 0x80:
            special = True  # any other printable ASCII, space included (a guess)
        else:
            latin1 = True
    return sum((upper, lower, digit, special, latin1))


def policy_violation(password: str) -> str | None:
    """Why a password breaks the policy (without the password), or None when it meets it."""
    if not _MIN <= len(password) <= _MAX:
        return f"the password has {len(password)} characters"
    if any(not 0x20 <= ord(char) <= 0xFF for char in password):
        return "the password has characters outside Basic Latin and Latin-1"
    used = character_classes(password)
    if used < _CLASSES_NEEDED:
        return f"the password uses characters of {used} groups"
    return None
