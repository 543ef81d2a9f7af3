"""Client addresses shortened to their network (IPv4 /24, IPv6 /48) before
anything keeps them: logs, rate limits, stored feedback (GDPR; the privacy
page describes exactly this)."""

import ipaddress

from django.conf import settings

PREFIX = {4: 24, 6: 48}


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


def client_ip(request):
    """The visitor's address. Behind DJANGO_PROXY_COUNT trusted reverse
    proxies it is the entry the outermost proxy appended to X-Forwarded-For;
    entries further left are whatever the client sent and can't be trusted."""
    count = settings.PROXY_COUNT
    if count:
        forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= count and forwarded[-count]:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
