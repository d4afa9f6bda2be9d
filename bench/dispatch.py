"""Dispatch benchmarks (issue 4): `python -m bench.dispatch STEP`, one step per process.

- suggest: matter suggestion accuracy and time per event (bench/dispatch_suggest.py);
- setup / sweep / measures: a year of events, the deadline sweep and the measures
  against hand-written SQL (bench/dispatch_sweep.py, data from quanze/dispatch/loop/fabricate.py);
- route / intake: see bench/dispatch_route.py and bench/loadgen.py.
"""

import argparse
from pathlib import Path

# By the size's township count (bench.__main__.SIZES): events in the year, open events,
# routed events, HTTP requests and their rate; confirmed events in a county's suggestion
# index for the speed step (a county's real history; fewer where the run only proves the
# benchmark runs).
SIZES = {
    2500: {"events": 2_000_000, "open": 200_000, "routes": 200_000, "requests": 6000, "rate": 200,
           "history": 20_000},
    50: {"events": 100_000, "open": 20_000, "routes": 50_000, "requests": 2000, "rate": 200,
         "history": 20_000},
    3: {"events": 2_000, "open": 300, "routes": 2_000, "requests": 60, "rate": 30,
        "history": 2_000},
}  # fmt: skip


def dispatch_figures(size: dict, database, work: Path) -> list[dict]:
    """Called by bench.__main__: each step in its own process and database."""
    from bench.__main__ import run_step
    from bench.env import child_env

    mine = SIZES.get(size["townships"], SIZES[3])
    towns, repeat = f"--townships={size['townships']}", f"--repeat={min(size['repeat'], 5)}"
    figures = run_step("suggest", child_env(work, "sqlite://"), module="bench.dispatch")
    figures += run_step("real", child_env(work, "sqlite://"), module="bench.dispatch")
    figures += run_step(
        "suggest_speed",
        child_env(work, "sqlite://"),
        f"--history={mine['history']}",
        module="bench.dispatch",
    )
    with database(work / "events") as url:
        env = child_env(work / "events", url)
        figures += run_step(
            "setup",
            env,
            towns,
            f"--events={mine['events']}",
            f"--open-events={mine['open']}",
            module="bench.dispatch",
        )
        figures += run_step("sweep", env, repeat, module="bench.dispatch")
        figures += run_step("measures", env, repeat, module="bench.dispatch")
    with database(work / "route") as url:
        figures += run_step(
            "route",
            child_env(work / "route", url),
            towns,
            f"--routes={mine['routes']}",
            module="bench.dispatch",
        )
    with database(work / "intake") as url:
        figures += run_step(
            "intake",
            child_env(work / "intake", url),
            f"--requests={mine['requests']}",
            f"--rate={mine['rate']}",
            module="bench.dispatch",
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.dispatch")
    parser.add_argument(
        "step",
        choices=[
            "suggest",
            "real",
            "suggest_speed",
            "setup",
            "sweep",
            "measures",
            "route",
            "intake",
        ],
    )
    parser.add_argument("--townships", type=int, default=25)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--open-events", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--routes", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--history", type=int, default=20_000)
    args = parser.parse_args()
    if args.step == "route":
        from bench.dispatch_route import step_route as run
    elif args.step == "intake":
        from bench.loadgen import step_intake as run
    elif args.step == "suggest":
        from bench.dispatch_suggest import step_suggest as run
    elif args.step == "real":
        from bench.dispatch_real import step_real as run
    elif args.step == "suggest_speed":
        from bench.dispatch_suggest import step_speed as run
    else:
        from bench import dispatch_sweep

        run = getattr(dispatch_sweep, f"step_{args.step}")
    run(args)


if __name__ == "__main__":
    main()
