"""gunicorn's access log without full client addresses (GDPR): the address
is shortened to its network (IPv4 /24, IPv6 /48) before it is written, and
forwarding headers that carry addresses are never logged. The privacy policy
describes exactly these fields (see ACCESS_LOG_FORMAT in gunicorn.conf.py).
"""

import ipaddress

from gunicorn.glogging import Logger

PREFIX = {4: 24, 6: 48}
# Request headers that carry client addresses; blanked if a custom format uses them.
ADDRESS_HEADERS = (
    "x-forwarded-for",
    "x-real-ip",
    "forwarded",
    "true-client-ip",
    "cf-connecting-ip",
)


def anonymise_ip(address):
    """'203.0.113.77' -> '203.0.113.0', '2001:db8:abcd:12::1' -> '2001:db8:abcd::';
    anything that isn't an IP address (a Unix socket, garbage) -> '-'."""
    text = (address or "").strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    text = text.split("%", 1)[0]  # IPv6 zone ("fe80::1%eth0")
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return "-"
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    network = ipaddress.ip_network(f"{ip}/{PREFIX[ip.version]}", strict=False)
    return str(network.network_address)


class AnonymisingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["h"] = anonymise_ip(atoms.get("h"))
        for header in ADDRESS_HEADERS:
            if f"{{{header}}}i" in atoms:
                atoms[f"{{{header}}}i"] = "-"
        return atoms
