#!/usr/bin/env python3
"""Idle figures of running processes, read from /proc over a window.

Usage: procstat.py SECONDS NAME=PID [NAME=PID ...]

Prints one JSON object: for each NAME, over the window, the CPU time (utime + stime of the
whole process, /proc/PID/stat, clock ticks), the context switches (voluntary +
nonvoluntary, summed over every thread in /proc/PID/task/*/status: each one is the thread
going to sleep or being preempted, so one per wake-up), the memory at the end (VmRSS,
VmHWM, RssAnon, RssFile from /proc/PID/status) and the same per thread, by name.
A thread that starts during the window counts from zero; one that ends is lost and listed.
"""
import json
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def stat_cpu(path):
    with open(path) as f:
        text = f.read()
    fields = text[text.rindex(")") + 2:].split()
    # fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / TICK


def schedstat_ns(path):
    # The scheduler's own account of the time on a CPU, in nanoseconds (first field).
    with open(path) as f:
        return int(f.read().split()[0])


def status(path):
    out = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.partition(":")
            out[key] = value.strip()
    return out


def threads(pid):
    result = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        base = f"/proc/{pid}/task/{tid}"
        try:
            s = status(f"{base}/status")
            result[tid] = {
                "name": s["Name"],
                "switches": int(s["voluntary_ctxt_switches"]) + int(s["nonvoluntary_ctxt_switches"]),
                "voluntary": int(s["voluntary_ctxt_switches"]),
                "cpu_s": stat_cpu(f"{base}/stat"),
                "run_ns": schedstat_ns(f"{base}/schedstat"),
            }
        except (FileNotFoundError, ProcessLookupError):
            pass
    return result


def snapshot(pid):
    return {"cpu_s": stat_cpu(f"/proc/{pid}/stat"), "threads": threads(pid)}


def kib(text):
    return int(text.split()[0])


def main():
    seconds = float(sys.argv[1])
    procs = dict(arg.split("=", 1) for arg in sys.argv[2:])
    start = {name: snapshot(pid) for name, pid in procs.items()}
    t0 = time.monotonic()
    time.sleep(seconds)
    end = {name: snapshot(pid) for name, pid in procs.items()}
    elapsed = time.monotonic() - t0
    report = {"window_s": elapsed, "processes": {}}
    for name, pid in procs.items():
        s = status(f"/proc/{pid}/status")
        a, b = start[name], end[name]
        per_thread = []
        for tid, t in sorted(b["threads"].items(), key=lambda kv: int(kv[0])):
            before = a["threads"].get(tid, {"switches": 0, "voluntary": 0, "cpu_s": 0.0, "run_ns": 0})
            per_thread.append({
                "tid": int(tid),
                "name": t["name"],
                "switches": t["switches"] - before["switches"],
                "voluntary": t["voluntary"] - before["voluntary"],
                "cpu_s": round(t["cpu_s"] - before["cpu_s"], 3),
                "run_ms": (t["run_ns"] - before["run_ns"]) / 1e6,
                "new": tid not in a["threads"],
            })
        lost = [f'{tid} {t["name"]}' for tid, t in a["threads"].items() if tid not in b["threads"]]
        switches = sum(t["switches"] for t in per_thread)
        report["processes"][name] = {
            "pid": int(pid),
            "cpu_s": round(b["cpu_s"] - a["cpu_s"], 3),
            "cpu_total_s": round(b["cpu_s"], 3),
            "run_ms": sum(t["run_ms"] for t in per_thread),
            "switches": switches,
            "wakeups_per_s": switches / elapsed,
            "vmrss_kib": kib(s["VmRSS"]),
            "vmhwm_kib": kib(s["VmHWM"]),
            "rss_anon_kib": kib(s["RssAnon"]),
            "rss_file_kib": kib(s["RssFile"]),
            "threads": per_thread,
            "threads_lost": lost,
        }
    json.dump(report, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
