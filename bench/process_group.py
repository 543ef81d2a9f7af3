"""A server the benchmark starts in a process group of its own (gunicorn in
bench/run.py, nginx in bench/nginx_front.py): stopped with the group, asked
on 127.0.0.1, its workers' CPU time read from /proc."""

import os
import signal
import subprocess
from pathlib import Path


class ProcessGroupServer:
    """Subclasses set `self.port`, start the server with `start` in
    `__enter__` and say in `wait_until_ready` when it answers."""

    # Seconds to wait after SIGTERM before SIGKILL.
    stop_timeout = 10

    def start(self, command, **options):
        """Starts `command` (the master) as the leader of a process group of
        its own and waits until it answers; stops it if it does not."""
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn or nginx
            command,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **options,
        )
        try:
            self.wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.process and self.process.poll() is None:
            # The whole group: the master and its workers.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self):
        """The processes whose parent is the master."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return pids

    def cpu_seconds(self):
        """utime + stime of all workers."""
        ticks = 0
        for pid in self.workers():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")
