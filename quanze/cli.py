"""The `quanze` console command: Django's management entry point with our settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quanze.settings")
    from django.core.management import execute_from_command_line

    argv = sys.argv[:]
    argv[0] = "quanze"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
