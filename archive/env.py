"""Strict parsing of settings taken from environment variables.

A mistyped value must stop the process with a message naming the variable,
never fall back silently to a default: `DEBUG=ture` that quietly meant
"off" (or worse, `DEBUG=flase` that meant "on") is how archives leak.
"""

from __future__ import annotations

import os
import re
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


def get_int(name: str, default: int, environ: Mapping[str, str] = os.environ) -> int:
    """A whole number, zero or more."""
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip()
    if not (value.isascii() and value.isdigit()):
        raise ImproperlyConfigured(f"Environment variable {name}={raw!r} is not a whole number (0, 1, 2…).")
    return int(value)


_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"(\d+)/([1-9]\d*)?([smhd])", re.ASCII)


def get_rate(name: str, default: str, environ: Mapping[str, str] = os.environ) -> tuple[int, int] | None:
    """A request limit such as ``120/m`` (also per ``s``, ``h``, ``d``, or
    ``10/5m`` for ten per five minutes) as (requests, seconds); ``0`` or
    ``off`` turns the limit off (None)."""
    raw = environ.get(name)
    value = (default if raw is None or raw.strip() == "" else raw).strip().lower()
    if value in {"0", "off"}:
        return None
    match = _RATE.fullmatch(value)
    if match is None:
        raise ImproperlyConfigured(
            f"Environment variable {name}={raw!r} is not a rate: give requests per period such as "
            "'120/m' (per second s, minute m, hour h, day d), or 'off'."
        )
    count = int(match[1])
    if count == 0:
        return None
    return count, int(match[2] or 1) * _PERIODS[match[3]]
