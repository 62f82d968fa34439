"""What counts as a non-global address: the one definition shared by `/digest feeds add`
(which refuses literal private IPs) and the fetcher (which refuses, for channel feeds,
any host that *resolves* to one).

Non-global means anything the public internet cannot route to us: unspecified, loopback,
link-local (169.254.169.254, the cloud metadata address, included), multicast, IPv6
unique-local and site-local, reserved, private, shared (100.64.0.0/10) and the other
special-purpose blocks Python's `ipaddress` does not call global. An IPv6 address that
embeds an IPv4 one (IPv4-mapped `::ffff:a.b.c.d`, 6to4 `2002::/16`, NAT64 `64:ff9b::/96`)
is judged by the IPv4 address it leads to.
"""

from __future__ import annotations

import ipaddress
import re
import socket

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_UNIQUE_LOCAL = ipaddress.IPv6Network("fc00::/7")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_INET_ATON = re.compile(r"^[0-9a-fx.]+$", re.I)  # 127.1, 0x7f.0.0.1, 2130706433


def non_global(address: IPAddress) -> str | None:
    """The kind of non-global address this is ("loopback", "private", …), or None if global.

    >>> non_global(ipaddress.ip_address("169.254.169.254"))
    'link-local'
    >>> non_global(ipaddress.ip_address("::ffff:10.0.0.5"))
    'private'
    >>> non_global(ipaddress.ip_address("93.184.216.34")) is None
    True
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return non_global(embedded)
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv6Address):
        if address in _UNIQUE_LOCAL:
            return "unique-local"
        if address.is_site_local:
            return "site-local"
    if address.is_reserved:
        return "reserved"
    if address.is_private:
        return "private"
    if not address.is_global:
        return "non-global"
    return None


def literal_address(host: str) -> IPAddress | None:
    """The IP address `host` spells, or None for a name.

    Besides the usual forms this reads the shorthand the C resolver accepts (`127.1`,
    `0x7f.0.0.1`, `2130706433`), which would otherwise slip past as "a name".
    """
    host = host.strip().strip("[]")
    try:
        return ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        pass
    if _INET_ATON.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def resolve(host: str) -> list[str]:
    """Every address `host` resolves to, as the socket layer would connect to it."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refusal(host: str, addresses: list[str]) -> str | None:
    """Why `host` must not be fetched for an untrusted source, or None when every one of
    its addresses is global.

    >>> refusal("feeds.example", ["10.0.0.5"])
    'refused: feeds.example resolves to a private address (10.0.0.5)'
    """
    for raw in addresses:
        try:
            address = ipaddress.ip_address(raw.split("%")[0])  # drop an IPv6 zone id
        except ValueError:
            return f"refused: {host} resolves to something that is not an IP address ({raw})"
        kind = non_global(address)
        if kind is not None:
            article = "an" if kind[0] in "aeiou" and kind != "unique-local" else "a"
            return f"refused: {host} resolves to {article} {kind} address ({address})"
    if not addresses:
        return f"refused: {host} resolves to no address"
    return None
