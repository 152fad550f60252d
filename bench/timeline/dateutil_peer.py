#!/usr/bin/python3
"""Peer for bench/timeline: expands the benchmark's RRULEs with python-dateutil's rrule.

Run by bench/timeline/run on the file bench_timeline writes (same slots, same windows):
    window|NAME|FROM|TO|RUNS       (local wall times, YYYY-MM-DDTHH:MM:SS)
    slot|ID|DTSTART|RRULE
For each window, times (time.perf_counter, median of RUNS) parsing every slot's rule and
listing its instances t with FROM <= t < TO, like loaxa's Recurrence::between. Rule
expansion only: no exception dates, holidays, overlaps or programmes. Prints, per window:
    dateutil rules NAME: COUNT instances, median MS ms (RUNS runs)
and with --per-slot, each slot's instance count ("slot ID NAME COUNT") for diagnosis.
"""
import statistics
import sys
import time
from datetime import datetime

from dateutil.rrule import rrulestr


def expand(slots, lo, hi):
    """Instance count of all slots in [lo, hi), per slot."""
    counts = []
    for dtstart, rule in slots:
        r = rrulestr(rule, dtstart=dtstart)  # parsed anew each run, as loaxa does
        counts.append(sum(1 for t in r.between(lo, hi, inc=True) if t < hi))
    return counts


def main(path, per_slot):
    windows, slots, ids = [], [], []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            kind, *fields = line.rstrip("\n").split("|")
            if kind == "window":
                name, lo, hi, runs = fields
                windows.append((name, datetime.fromisoformat(lo), datetime.fromisoformat(hi), int(runs)))
            elif kind == "slot":
                ids.append(fields[0])
                slots.append((datetime.fromisoformat(fields[1]), fields[2]))
    for name, lo, hi, runs in windows:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            counts = expand(slots, lo, hi)
            times.append((time.perf_counter() - t0) * 1000)
        print(f"dateutil rules {name}: {sum(counts)} instances, "
              f"median {statistics.median(times):.3f} ms ({runs} runs)")
        if per_slot:
            for slot_id, count in zip(ids, counts):
                print(f"slot {slot_id} {name} {count}")


if __name__ == "__main__":
    main(sys.argv[1], "--per-slot" in sys.argv[2:])
