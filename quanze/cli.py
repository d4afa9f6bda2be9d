"""The `quanze` console command: Django's management entry point with our settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quanze.settings")
    from django.core.management import execute_from_command_line

    argv = sys.argv[:]
    argv[0] = "quanze"
    if asks_for_help(argv) and not os.environ.get("SECRET_KEY"):
        # Help reads no data and signs nothing, but without DEBUG the settings refuse to
        # load without a key, and Django then lists only its own commands, not quanze's.
        os.environ["SECRET_KEY"] = "quanze-help-only-" + os.urandom(16).hex()
    if len(argv) > 1 and not argv[1].startswith("-"):
        # Command modules cannot have hyphens: `quanze sweep-deadlines` runs sweep_deadlines.
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


def asks_for_help(argv: list[str]) -> bool:
    """`quanze`, `quanze help [command]`, `quanze command --help`."""
    return len(argv) == 1 or argv[1] in ("help", "--help", "-h") or "--help" in argv[2:]


if __name__ == "__main__":
    main()
