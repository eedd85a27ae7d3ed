"""Link addresses in prose: which are allowed, and how they are written into a page.

Only http, https, mailto and relative addresses are kept.  An address is
normalised as markdown-it normalises it, with the same small URL library
(mdurl): trimmed, characters outside the URL set percent-encoded (an
existing `%XX` kept), a non-ASCII host name in punycode.  The allow-list is
asked about the normalised address, the one the page will hold.  An
autolink shows its address decoded for reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress

import mdurl

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_RECODED = ("http:", "https:", "mailto:")  # the schemes whose host names are recoded
_SEPARATORS = re.compile(r"[\x2E\u3002\uFF0E\uFF61]")
_NON_ASCII = re.compile(r"[^\0-\x7E]")


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and relative URLs; False for every other scheme and for `//host`."""
    cleaned = _INVISIBLE.sub("", url)
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return False
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in ALLOWED_SCHEMES


def _map_domain(host: str, label: Callable[[str], str]) -> str:
    """Each label of a host name mapped; in `user@host` only the host's."""
    parts = host.split("@")
    user, domain = (parts[0] + "@", parts[1]) if len(parts) > 1 else ("", host)
    return user + ".".join(label(part) for part in _SEPARATORS.split(domain))


def _to_ascii(label: str) -> str:
    return "xn--" + label.encode("punycode").decode() if _NON_ASCII.search(label) else label


def _to_unicode(label: str) -> str:
    return label[4:].lower().encode().decode("punycode") if label.startswith("xn--") else label


def _recoded(url: str, label: Callable[[str], str]) -> mdurl.URL:
    parsed = mdurl.parse(url, slashes_denote_host=True)
    if parsed.hostname and (not parsed.protocol or parsed.protocol in _RECODED):
        with suppress(UnicodeError, ValueError, IndexError):
            parsed = parsed._replace(hostname=_map_domain(parsed.hostname, label))
    return parsed


def normalize_link(url: str) -> str:
    """The address as written into `href`."""
    parsed = _recoded(url, _to_ascii)
    if not parsed.hostname or ":" not in parsed.hostname:
        return str(mdurl.encode(mdurl.format(parsed)))
    # An IPv6 host: its parts are encoded before format() puts the brackets around it.
    return str(
        mdurl.format(
            parsed._replace(
                protocol=parsed.protocol and mdurl.encode(parsed.protocol),
                auth=parsed.auth and mdurl.encode(parsed.auth),
                hostname=mdurl.encode(parsed.hostname),
                pathname=parsed.pathname and mdurl.encode(parsed.pathname),
                search=parsed.search and mdurl.encode(parsed.search),
                hash=parsed.hash and mdurl.encode(parsed.hash),
            )
        )
    )


def link_text(url: str) -> str:
    """How an autolink shows its address: percent-escapes decoded where safe, host in Unicode."""
    return str(mdurl.decode(mdurl.format(_recoded(url, _to_unicode)), mdurl.DECODE_DEFAULT_CHARS + "%"))
