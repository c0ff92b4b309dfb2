"""Which address to listen on, and who may talk to it.

The server binds one address: the laptop's own on the room's Wi-Fi or hotspot, never 0.0.0.0,
so a second network card (a mobile modem, a VPN) does not expose it.
"""
from __future__ import annotations

import ipaddress
import socket

_PROBE = ("10.255.255.255", 1)  # any private address: connect() on UDP only picks a route


def primary_ipv4() -> str | None:
    """The laptop's primary non-loopback IPv4 address, or None without any network.

    A UDP socket's connect() sends nothing; it makes the system choose the interface it would
    route through, whose address is the one phones on the same network reach.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_PROBE)
            address = probe.getsockname()[0]
        if not ipaddress.ip_address(address).is_loopback and address != "0.0.0.0":
            return address
    except OSError:
        pass
    return _from_hostname()


def _from_hostname() -> str | None:
    try:
        names = socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        return None
    usable = [a for a in names if not ipaddress.ip_address(a).is_loopback]
    return usable[0] if usable else None


def is_local_client(address: str) -> bool:
    """Phones on the room's network have private, link-local or loopback addresses; anything
    else reached us through a route we did not mean to offer, and is refused."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.is_private or ip.is_link_local or ip.is_loopback
