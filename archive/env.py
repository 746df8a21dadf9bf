"""Strict parsing of settings taken from environment variables.

A mistyped value must stop the process with a message naming the variable,
never fall back silently to a default: `DEBUG=ture` that quietly meant
"off" (or worse, `DEBUG=flase` that meant "on") is how archives leak.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def get_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"Environment variable {name}={raw!r} is not a boolean: "
        f"use one of {', '.join(sorted(_TRUE | _FALSE))}."
    )


def get_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    """A comma-separated list; empty items (``a,,b``) are an error."""
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(
            f"Environment variable {name}={raw!r} has an empty item: "
            "give a comma-separated list such as 'archive.example.org,localhost'."
        )
    for item in items:
        if any(ch.isspace() for ch in item):
            raise ImproperlyConfigured(
                f"Environment variable {name} item {item!r} contains white space."
            )
    return items


def get_str(name: str, environ: Mapping[str, str] = os.environ) -> str | None:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return None
    return raw.strip()


def check_secret_key(key: str) -> str:
    # The same thresholds as Django's own deploy check (security.W009), made
    # an error: a weak key is worse than no key because it looks configured.
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "Environment variable SECRET_KEY is too weak: use at least 50 random "
            "characters (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    return key
