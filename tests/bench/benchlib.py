"""What the benchmarks share: timing a whole process and its peak memory."""
import os
import subprocess
import sys
import time


def measure(command):
    """Wall seconds and peak resident memory (MiB) of one run of `command`."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command[:4])}...: {proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024
