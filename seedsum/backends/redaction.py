"""Keeping credentials out of what seedsum shows: error messages, reprs, logs and pickles.

A key reaches text by paths we do not control: a server echoes it back ("Incorrect API key
provided: sk-..."), or it sits in a base URL's userinfo (`https://user:sk-...@host/v1`).
So text leaving a backend is scrubbed of the secrets it knows and of anything shaped like an
OpenAI key, and URLs are shown with their userinfo masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from ..errors import BackendError

MASK = "***"
# OpenAI-style keys ("sk-...", "sk-proj-..."), whoever's they are: a server may echo a key
# other than ours (a proxy's, a colleague's in a shared config).
_KEY_SHAPED = re.compile(r"\bsk-[A-Za-z0-9_\-]{8,}")
_SHORTEST_SECRET = 8  # shorter "keys" are placeholders ("none", "x"): masking would garble text


def url_secrets(url: str | None) -> list[str]:
    """The credentials in `url`'s userinfo: the password, or a lone user name (a token)."""
    if not url:
        return []
    try:
        parts = urlsplit(url)
        user, password = parts.username, parts.password
    except ValueError:
        return []
    if password:
        return [password]
    return [user] if user else []


def public_url(url: str | None) -> str | None:
    """`url` with the credentials of its userinfo masked (`https://user:***@host/v1`)."""
    if not url:
        return url
    try:
        parts = urlsplit(url)
        user, password = parts.username, parts.password
    except ValueError:
        return redact(url, [])
    if not (user or password):
        return url
    host = parts.netloc.rpartition("@")[2]
    userinfo = f"{user}:{MASK}" if password else MASK
    return urlunsplit(parts._replace(netloc=f"{userinfo}@{host}"))


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """`text` with every secret, and anything shaped like an OpenAI key, masked."""
    text = _KEY_SHAPED.sub(f"sk-{MASK}", text)
    for secret in sorted({s for s in secrets if s and len(s) >= _SHORTEST_SECRET}, key=len)[::-1]:
        text = text.replace(secret, MASK)
    return text


def scrubbed(error: BackendError, secrets: Iterable[str | None]) -> BackendError:
    """`error` with its message and `raw` text redacted, and no chained exception (an SDK
    exception keeps the request, whose headers carry the key)."""
    known = list(secrets)
    error.args = tuple(redact(a, known) if isinstance(a, str) else a for a in error.args)
    if error.raw is not None:
        error.raw = redact(error.raw, known)
    error.__cause__ = None
    error.__context__ = None
    error.__suppress_context__ = True
    return error
