"""gunicorn's access log without full client addresses (GDPR): the address
is shortened to its network (IPv4 /24, IPv6 /48) before it is written, and
forwarding headers that carry addresses are never logged. The privacy policy
describes exactly these fields (see ACCESS_LOG_FORMAT in gunicorn.conf.py).
"""

import datetime
import time

from gunicorn.glogging import Logger

from core.addresses import anonymise_ip

# Request headers that carry client addresses; blanked if a custom format uses them.
ADDRESS_HEADERS = (
    "x-forwarded-for",
    "x-real-ip",
    "forwarded",
    "true-client-ip",
    "cf-connecting-ip",
)


class AnonymisingLogger(Logger):
    """Also: every time in UTC as ISO 8601, like the site's own lines and
    nginx's; and behind a trusted proxy (FORWARDED_ALLOW_IPS), the client's
    address that the proxy appended to X-Forwarded-For, not the proxy's."""

    datefmt = "%Y-%m-%dT%H:%M:%SZ"

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            if handler.formatter is not None:
                handler.formatter.converter = time.gmtime

    def now(self):
        moment = datetime.datetime.now(datetime.UTC)
        return "[" + moment.isoformat(timespec="milliseconds").replace("+00:00", "Z") + "]"

    def client_address(self, environ):
        peer = environ.get("REMOTE_ADDR", "")
        trusted = self.cfg.forwarded_allow_ips
        forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded and ("*" in trusted or peer in trusted):
            return forwarded.split(",")[-1].strip()
        return peer

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["h"] = anonymise_ip(self.client_address(environ))
        for header in ADDRESS_HEADERS:
            if f"{{{header}}}i" in atoms:
                atoms[f"{{{header}}}i"] = "-"
        return atoms
