"""nginx in front of the benchmark's gunicorn, with the shipped include files.

bench/run.py starts it for its nginx phase: a non-root-style nginx of its
own (its own prefix, pid file, logs, temporary and cache folders, all in the
benchmark's temporary folder), listening on 127.0.0.1 only, started in the
foreground (`daemon off`) in a process group of its own and stopped with it.

The configuration is generated, but the cache and proxy directives are the
shipped ones: deploy/nginx/rdz-cache-http.conf at the http level (its cache
folder moved into the temporary folder), and deploy/nginx/rdz-proxy.conf plus
deploy/nginx/rdz-cache.conf in `location /`, as deploy/nginx/rdz.conf has
them. What rdz.conf defines around them is defined here: the upstream
`rdz_app` (the one gunicorn) and `$rdz_rid` (nginx's request ID). The
targets are measured over plain HTTP, where wrk measures nginx rather than
OpenSSL; the same server also listens with TLS (a self-signed certificate
made for the run, rdz.conf's protocols and session cache), as production
serves every page, for the same ratio over HTTPS. A second location serves
the collected static folder from disk, the yardstick of the nginx phase. A
third, `/bare/`, is nginx's proxy cache with nothing of ours: the home page
kept for an hour under its path alone, never refreshed, and no header of the
app's heeded. It is the fastest any proxy cache configuration can serve the
page on this machine, measured in the same rounds.
"""

import collections
import datetime
import os
import pwd
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from process_group import ProcessGroupServer

DEPLOY_NGINX = Path(__file__).resolve().parent.parent / "deploy" / "nginx"
HTTP_INCLUDE = "rdz-cache-http.conf"
LOCATION_INCLUDES = ("rdz-proxy.conf", "rdz-cache.conf")
# The cache folder rdz-cache-http.conf names for production.
CACHE_PATH = "/var/cache/nginx/rdz"
# Files on disk, served by nginx itself: the static folder, under this prefix.
DISK_PREFIX = "/disk/"
# The home page from a proxy cache with nothing of ours (the module's docstring).
BARE_PATH = "/bare/"
# Debian's nginx loads its modules (the cache-purge module among them) from
# here, relative to its prefix; the prefix here is the temporary folder.
MODULES = Path("/usr/share/nginx/modules")
MODULES_ENABLED = Path("/etc/nginx/modules-enabled")
# nginx's workers run as this user when nginx is started as root.
WORKER_USER = "www-data"
# The run's certificate and key for its HTTPS listener, in nginx's folder.
CERTIFICATE, KEY = "cert.pem", "key.pem"


def binary():
    """nginx's path, or None: Debian installs it in /usr/sbin, which is not
    in an ordinary user's PATH."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")


def include_files(conf_dir):
    """The shipped include files in `conf_dir`; exits naming any missing one."""
    names = (HTTP_INCLUDE, *LOCATION_INCLUDES)
    missing = [name for name in names if not (Path(conf_dir) / name).is_file()]
    if missing:
        sys.exit(f"nginx phase: {', '.join(missing)} missing in {conf_dir}")
    return {name: (Path(conf_dir) / name).read_text() for name in names}


def http_include(text, cache_dir):
    """rdz-cache-http.conf with its cache folder moved to `cache_dir`."""
    if CACHE_PATH not in text:
        sys.exit(f"nginx phase: {HTTP_INCLUDE} does not name {CACHE_PATH}; cannot move the cache")
    return text.replace(CACHE_PATH, str(cache_dir))


def make_certificate(folder):
    """A self-signed certificate for 127.0.0.1 (CERTIFICATE and its KEY in
    `folder`), for this run only."""
    options = "-x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
    made = subprocess.run(  # noqa: S603
        [  # noqa: S607 - openssl from PATH
            *["openssl", "req", *options.split(), "-subj", "/CN=127.0.0.1"],
            *["-addext", "subjectAltName=IP:127.0.0.1"],
            *["-keyout", Path(folder) / KEY, "-out", Path(folder) / CERTIFICATE],
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode:
        sys.exit(f"nginx phase: openssl could not make a certificate:\n{made.stderr}")


def nginx_conf(folder, port, tls_port, app_port, static_root, user=None):
    """The main configuration: everything in `folder`, listening on
    127.0.0.1:`port` (HTTP) and 127.0.0.1:`tls_port` (HTTPS), proxying to
    gunicorn on 127.0.0.1:`app_port`."""
    folder = Path(folder)
    modules = f"include {MODULES_ENABLED}/*.conf;" if MODULES_ENABLED.is_dir() else ""
    user_line = f"user {user};" if user else ""
    location = "\n".join(f"            include {folder / name};" for name in LOCATION_INCLUDES)
    temp = "\n".join(
        f"    {kind}_temp_path {folder / 'tmp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""\
{user_line}
daemon off;
worker_processes auto;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
{modules}
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log off;
{temp}
    # Defined in deploy/nginx/rdz.conf, used by rdz-proxy.conf.
    map $request_id $rdz_rid {{ default $request_id; }}
    upstream rdz_app {{ server 127.0.0.1:{app_port}; }}
    include {folder / HTTP_INCLUDE};
    proxy_cache_path {folder / "bare-cache"} keys_zone=rdz_bare:1m;
    server {{
        listen 127.0.0.1:{port};
        # As deploy/nginx/rdz.conf, without HTTP/2: wrk speaks HTTP/1.1.
        listen 127.0.0.1:{tls_port} ssl;
        ssl_certificate {folder / CERTIFICATE};
        ssl_certificate_key {folder / KEY};
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:rdz_tls:10m;
        ssl_session_timeout 1d;
        server_name 127.0.0.1;
        location / {{
{location}
        }}
        location {DISK_PREFIX} {{
            alias {Path(static_root)}/;
            gzip_static on;
        }}
        location = {BARE_PATH} {{
            proxy_pass http://rdz_app/;
            proxy_set_header Host $host;
            proxy_cache rdz_bare;
            proxy_cache_key $uri;
            proxy_cache_valid 200 1h;
            proxy_ignore_headers Cache-Control Expires Vary X-Accel-Expires;
        }}
    }}
}}
"""


class Nginx(ProcessGroupServer):
    """nginx on 127.0.0.1:`port` (and `tls_port` with TLS) in front of
    gunicorn on `app_port`, its files in `folder` (created), for a `with`
    block."""

    def __init__(self, folder, port, tls_port, app_port, static_root, conf_dir=DEPLOY_NGINX):
        self.folder = Path(folder)
        self.port = port
        self.tls_port = tls_port
        self.app_port = app_port
        self.static_root = static_root
        self.conf_dir = conf_dir
        self.process = None

    def write_config(self):
        files = include_files(self.conf_dir)
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.folder / "tmp" / kind).mkdir(parents=True, exist_ok=True)
        cache_dir = self.folder / "cache"
        cache_dir.mkdir(exist_ok=True)
        files[HTTP_INCLUDE] = http_include(files[HTTP_INCLUDE], cache_dir)
        for name, text in files.items():
            (self.folder / name).write_text(text)
        if MODULES.is_dir() and not (self.folder / "modules").exists():
            (self.folder / "modules").symlink_to(MODULES)
        user = None
        if os.geteuid() == 0:
            # Started as root, nginx runs its workers as another user: they
            # must get into the folders they write (cache, temporary files)
            # and read (the static files).
            user = WORKER_USER
            entry = pwd.getpwnam(user)
            for path in (cache_dir, *(self.folder / "tmp").iterdir(), self.folder / "tmp"):
                os.chown(path, entry.pw_uid, entry.pw_gid)
            for parent in self.folder.parents:
                if parent.stat().st_mode & 0o005 == 0o005:
                    break
                parent.chmod(parent.stat().st_mode | 0o055)
        make_certificate(self.folder)
        conf = self.folder / "nginx.conf"
        conf.write_text(
            nginx_conf(self.folder, self.port, self.tls_port, self.app_port, self.static_root, user)
        )
        return conf

    @property
    def certificate(self):
        """The certificate of its HTTPS listener, for clients to trust."""
        return self.folder / CERTIFICATE

    def tls_url(self, path):
        return f"https://127.0.0.1:{self.tls_port}{path}"

    def command(self, conf):
        return [
            binary(),
            "-c",
            str(conf),
            "-p",
            f"{self.folder}/",
            "-e",
            str(self.folder / "error.log"),
        ]

    def __enter__(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        conf = self.write_config()
        check = subprocess.run(  # noqa: S603 - nginx (PATH or /usr/sbin), our own config
            [*self.command(conf), "-t", "-q"], capture_output=True, text=True, check=False
        )
        if check.returncode:
            sys.exit(f"nginx phase: nginx -t failed:\n{check.stderr}")
        return self.start(self.command(conf))

    def wait_until_ready(self):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"nginx exited during start-up:\n{self.errors()}")
            try:
                urllib.request.urlopen(self.url("/healthz"), timeout=10).close()  # noqa: S310
                return
            except urllib.error.HTTPError:
                return  # nginx answers; what gunicorn says is the phase's business
            except OSError:
                time.sleep(0.1)
        sys.exit("nginx did not answer within 20 s.")

    def errors(self):
        path = self.folder / "error.log"
        return path.read_text() if path.exists() else ""


# A line of gunicorn's access log (gunicorn.conf.py): the time it was
# written, when the answer was done, and the time taken in microseconds.
ACCESS_LINE = re.compile(r"\[(?P<time>[^\]]+)\] .* time_us=(?P<us>\d+)")


def busiest_second(lines):
    """The most requests in gunicorn's access log `lines` that came in
    within one second of the clock (written minus time taken): nginx's
    copies expire at full seconds, so at most one per second should."""
    seconds = collections.Counter()
    for line in lines:
        match = ACCESS_LINE.search(line)
        if not match:
            continue
        done = datetime.datetime.fromisoformat(match["time"].replace("Z", "+00:00"))
        came = done - datetime.timedelta(microseconds=int(match["us"]))
        seconds[came.replace(microsecond=0)] += 1
    return max(seconds.values(), default=0)
