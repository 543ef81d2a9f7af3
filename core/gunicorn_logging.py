"""gunicorn's access log without full client addresses (GDPR): the address
is shortened to its network (IPv4 /24, IPv6 /48) before it is written, and
forwarding headers that carry addresses are never logged. The privacy policy
describes exactly these fields (see ACCESS_LOG_FORMAT in gunicorn.conf.py).
"""

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
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["h"] = anonymise_ip(atoms.get("h"))
        for header in ADDRESS_HEADERS:
            if f"{{{header}}}i" in atoms:
                atoms[f"{{{header}}}i"] = "-"
        return atoms
