"""The `quanze` console command: Django's management entry point with our settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quanze.settings")
    from django.core.management import execute_from_command_line

    argv = sys.argv[:]
    argv[0] = "quanze"
    if len(argv) > 1 and not argv[1].startswith("-"):
        # Command modules cannot have hyphens: `quanze sweep-deadlines` runs sweep_deadlines.
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
