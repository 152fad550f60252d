#!/usr/bin/env python3
"""Runs a command and prints its CPU time (user + system, seconds, from wait4's rusage),
then its wall time: `rusage.py CMD [ARG ...]` -> "cpu_s wall_s exit_status"."""
import os
import sys
import time

start = time.monotonic()
pid = os.fork()
if pid == 0:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
wall = time.monotonic() - start
print(f"{usage.ru_utime + usage.ru_stime:.4f} {wall:.3f} {os.waitstatus_to_exitcode(status)}")
