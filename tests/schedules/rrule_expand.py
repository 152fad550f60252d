#!/usr/bin/python3
"""Independent reference for recurrence tests: expands RRULEs with python-dateutil.

Input (file named on the command line), one case per line:
    DTSTART|RRULE|FROM|TO        (floating local times, YYYYMMDDTHHMMSS)
Output, one line per case, in the same order:
    instance instance ...        (those with FROM <= t < TO, ascending)
"""
import sys
from datetime import datetime

from dateutil.rrule import rrulestr


def parse(text):
    return datetime.strptime(text, "%Y%m%dT%H%M%S")


def main(path):
    with open(path, encoding="ascii") as cases:
        for line in cases:
            line = line.rstrip("\n")
            if not line:
                continue
            dtstart, rule, start, end = line.split("|")
            r = rrulestr(rule, dtstart=parse(dtstart))
            lo, hi = parse(start), parse(end)
            hits = [t for t in r.between(lo, hi, inc=True) if t < hi]
            print(" ".join(t.strftime("%Y%m%dT%H%M%S") for t in hits))


if __name__ == "__main__":
    main(sys.argv[1])
