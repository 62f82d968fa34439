"""Run a command and print its peak resident memory in MB as the last line (used by benches)."""

import resource
import subprocess
import sys

if __name__ == "__main__":
    completed = subprocess.run(sys.argv[1:], stdout=sys.stderr)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"{peak_kb / 1024:.1f}")
    sys.exit(completed.returncode)
