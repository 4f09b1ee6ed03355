"""The student load benchmark against a running production set-up (`make serve`).

Usage:
    python3 -m venv bench/load/.venv
    bench/load/.venv/bin/pip install -r bench/load/requirements.txt
    .venv/bin/python bench/load/prepare.py 200        # with make serve's DATABASE_URL
    QUIZGEN_PLAIN_HTTP=true ... make serve            # in another shell
    bench/load/.venv/bin/python bench/load/run.py --quiz QUIZ_ID [--users 50,100,200]
        [--seconds 60] [--host http://127.0.0.1:8000]

For each number of concurrent students it runs locust headless for --seconds and prints,
per endpoint, the requests, errors, p50/p95/p99 in milliseconds, and the requests per second.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_level(*, users: int, seconds: int, host: str, quiz: int, folder: Path) -> list[dict]:
    print(f"\nload average before {users} students: {_load()} (nproc {os.cpu_count()})")
    prefix = folder / f"users-{users}"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--host",
            host,
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 10)),
            "--run-time",
            f"{seconds}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, "BENCH_QUIZ_ID": str(quiz), "BENCH_STUDENTS": str(users)},
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return list(csv.DictReader(stats))


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def print_level(users: int, rows: list[dict]) -> None:
    print(f"\n{users} concurrent students")
    header = (
        f"{'endpoint':<16}{'requests':>9}{'errors':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'req/s':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = "all" if row["Name"] == "Aggregated" else row["Name"]
        print(
            f"{name:<16}{row['Request Count']:>9}{row['Failure Count']:>8}"
            f"{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}{float(row['Requests/s']):>8.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiz", type=int, required=True, help="the id prepare.py printed")
    parser.add_argument("--users", default="50,100,200")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--host", default="http://127.0.0.1:8000")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for users in [int(n) for n in arguments.users.split(",")]:
            rows = run_level(
                users=users,
                seconds=arguments.seconds,
                host=arguments.host,
                quiz=arguments.quiz,
                folder=Path(folder),
            )
            print_level(users, rows)
        print(f"\nload average after: {_load()}")


if __name__ == "__main__":
    main()
