"""`python -m tests.benchmarks run [NAMES] [--quick] [--results-dir DIR]`: run the benchmarks,
each against its own server with its peers in the same run, and write the results file;
`python -m tests.benchmarks readme`: regenerate the README's figures from `latest.json`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.core.programs import with_environment_scripts
from tests.benchmarks import readme_figures, suite


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run benchmarks and write a results file")
    run.add_argument(
        "names", nargs="*", metavar="NAME", help=f"some of: {', '.join(suite.BENCHMARKS)}"
    )
    run.add_argument("--quick", action="store_true", help="sizes cut down to about a minute")
    run.add_argument("--results-dir", type=Path, default=suite.RESULTS_DIR)
    commands.add_parser("readme", help="rewrite the README's figures from results/latest.json")
    args = parser.parse_args(argv)
    if args.command == "readme":
        readme_figures.update_readme()
        return 0
    unknown = [name for name in args.names if name not in suite.BENCHMARKS]
    if unknown:
        parser.error(
            f"no benchmark named {', '.join(unknown)}; there are {', '.join(suite.BENCHMARKS)}"
        )
    # Peer tools installed into this environment (pip install -e '.[bench]').
    os.environ["PATH"] = with_environment_scripts(os.environ.get("PATH", ""))
    path, ok = suite.run(args.names, args.quick, args.results_dir)
    print(f"results: {path}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
