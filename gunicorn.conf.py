"""gunicorn settings used by `make run`; HOST and PORT come from the environment."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
graceful_timeout = 30
# gunicorn 27 opens a control socket under ~/.gunicorn/ by default; a web
# server has no business writing into a user's home directory.
no_control_socket = True
errorlog = "-"
