"""Where the machine's CPU goes per student request under load: web workers, task workers,
PostgreSQL, and the load generator itself.

Runs locust (the scenario of locustfile.py) at a modest, steady rate against a running
`make serve`, and reads every process's CPU time (utime + stime in /proc/PID/stat) at the
start and at the end of a timed window, after the students have all arrived. CPU time is what
a process used, whatever else runs on the machine, so this can be read on a shared machine
(unlike waiting times). Each component's CPU over the window is divided by the requests the
server answered in it.

Usage (the app's environment as for run.py; the server already running):
    bench/load/.venv/bin/python bench/load/cpu_split.py --quiz 1 --server PID \\
        [--users 20] [--seconds 60] [--warmup 15] [--host http://127.0.0.1:8000] \\
        --sessions FILE [--database NAME] [--access-log FILE]

--sessions: the file of `prepare.py N --sessions FILE` (N at least --users): the students
start logged in, so the window holds the attempt flow and no password check (about 0.6 s of
a core each). --server: the process id of `make serve` (or of gunicorn's master); its
descendants are sorted by command line into web workers (gunicorn) and task workers
(db_worker).
--database: PostgreSQL backends connected to this database are the server's (default: the
name in DATABASE_URL); PostgreSQL's own processes (WAL writer, checkpointer, autovacuum...)
are shown apart, as other databases on the machine share them. --access-log: the file where
gunicorn writes its access log (`make serve > FILE 2>&1`); its new lines are the requests the
server answered. Without it, locust's requests are counted: the same number with
locustfile.py, which follows the redirects itself (one request each); a scenario whose
client follows them unseen sends more requests than locust counts. Scenarios whose visits
have different numbers of requests compare by CPU per visit: per request times requests a
visit (19 for the demo quiz with locustfile.py).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
TICKS = os.sysconf("SC_CLK_TCK")


def processes() -> dict[int, tuple[int, float, str]]:
    """Every process now: pid -> (parent pid, CPU ms so far, command line)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) * 1000 / TICKS
        found[int(entry.name)] = (int(fields[1]), cpu, command)
    return found


def machine_cpu_ms() -> float:
    """CPU used by the whole machine so far (all cores, idle and iowait excluded)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) * 1000 / TICKS


def descendants(table: dict, root: int) -> set[int]:
    children = defaultdict(list)
    for pid, (parent, _cpu, _command) in table.items():
        children[parent].append(pid)
    seen, stack = set(), [root]
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        stack.extend(children[pid])
    return seen


def component(pid: int, command: str, *, server: set, locust: set, database: str) -> str:
    if pid in locust:
        return "locust (the load generator)"
    if pid in server:
        if "gunicorn" in command:
            return "web workers (gunicorn)"
        if "db_worker" in command:
            return "task workers (db_worker)"
        return "server's other processes"
    if command.startswith("postgres:"):
        # A backend reads "postgres: 15/main: USER DATABASE HOST(PORT) STATE".
        if f" {database} " in f" {command} ":
            return "PostgreSQL backends of this database"
        if "(" not in command:
            return "PostgreSQL's own processes (shared)"
    elif "bin/postgres " in command:
        return "PostgreSQL's own processes (shared)"
    return ""


def last_total(history: Path, name: str = "Aggregated") -> int:
    """Locust's requests so far: the last row of its stats history."""
    if not history.exists():
        return 0
    total = 0
    with open(history, newline="") as rows:
        for row in csv.DictReader(rows):
            if row.get("Name") == name:
                total = int(row["Total Request Count"])
    return total


def log_lines(path: Path | None) -> int:
    if path is None:
        return 0
    with open(path, "rb") as log:
        return sum(1 for line in log if b'" ' in line and b"ms" in line)


def snapshot(history: Path, access_log: Path | None) -> tuple:
    # Read right after locust writes a history row, so its count matches the /proc reading.
    size = history.stat().st_size if history.exists() else 0
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        if history.exists() and history.stat().st_size != size:
            break
        time.sleep(0.01)
    return processes(), machine_cpu_ms(), last_total(history), log_lines(access_log), time.time()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiz", type=int, required=True)
    parser.add_argument("--server", type=int, required=True, help="pid of make serve")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=15)
    parser.add_argument("--host", default="http://127.0.0.1:8000")
    parser.add_argument("--database", default=urlparse(os.environ.get("DATABASE_URL", "")).path[1:])
    parser.add_argument("--access-log", type=Path)
    parser.add_argument("--locustfile", type=Path, default=HERE / "locustfile.py")
    parser.add_argument(
        "--sessions", type=Path, required=True, help="prepare.py --sessions' file (no logins)"
    )
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    prefix = folder / "split"
    history = Path(f"{prefix}_stats_history.csv")
    locust = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(arguments.locustfile),
            "--headless",
            "--host",
            arguments.host,
            "--users",
            str(arguments.users),
            "--spawn-rate",
            str(max(1, arguments.users // 10)),
            "--run-time",
            f"{arguments.warmup + arguments.seconds + 5}s",
            "--csv",
            str(prefix),
            "--csv-full-history",
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env={
            **os.environ,
            "BENCH_QUIZ_ID": str(arguments.quiz),
            "BENCH_STUDENTS": str(arguments.users),
            "BENCH_SESSIONS": str(arguments.sessions),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(arguments.warmup)
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    before, machine_before, locust_before, log_before, start = snapshot(
        history, arguments.access_log
    )
    # Read every process again and again through the window: a PostgreSQL backend ends when
    # its web process replaces a connection older than CONN_MAX_AGE, and what it used until
    # then (its last reading, at most a quarter of a second old) still counts.
    last_seen = {pid: entry for pid, entry in before.items()}
    deadline = time.monotonic() + arguments.seconds
    while time.monotonic() < deadline:
        last_seen.update(processes())
        time.sleep(0.25)
    after, machine_after, locust_after, log_after, end = snapshot(history, arguments.access_log)
    last_seen.update(after)
    after = last_seen
    load_after = Path("/proc/loadavg").read_text().split()[:3]
    locust.wait()

    server = descendants(after, arguments.server)
    generator = descendants(after, locust.pid)
    spent = defaultdict(float)
    for pid, (_parent, cpu, command) in after.items():
        name = component(pid, command, server=server, locust=generator, database=arguments.database)
        if name:
            # A process that started inside the window counts from zero.
            spent[name] += cpu - (before[pid][1] if pid in before else 0.0)
    requests = log_after - log_before if arguments.access_log else locust_after - locust_before
    counted_by = "the server's access log" if arguments.access_log else "locust"
    seconds = end - start
    machine = machine_after - machine_before
    print(
        f"{requests} requests in {seconds:.1f} s ({requests / seconds:.1f} a second, counted by "
        f"{counted_by}; locust counted {locust_after - locust_before}), {arguments.users} "
        f"students; load average {' '.join(load_before)} before, {' '.join(load_after)} after"
    )
    print(f"{'component':<40}{'CPU ms':>10}{'ms/request':>12}")
    ours = 0.0

    def line(name: str, cpu: float) -> None:
        print(f"{name:<40}{cpu:>10.0f}{cpu / max(requests, 1):>12.2f}")

    for name in sorted(spent, key=lambda n: -spent[n]):
        ours += spent[name]
        line(name, spent[name])
    line("all of the above", ours)
    line("the rest of the machine (other work)", machine - ours)


if __name__ == "__main__":
    main()
