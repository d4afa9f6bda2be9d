"""`quanze scenario NAME`: load one of the source scenarios into the demo county.

Each scenario is one or more modules, each with a `load(*, stdout)` function run in
registration order, that drives the
services (never writes figures directly) and prints what the system reports.
An app registers its scenarios from its `AppConfig.ready()`
(`quanze.core.registry.register_scenario`).
"""

import importlib
import time

from django.core.management.base import BaseCommand, CommandError

from quanze.core import registry


class Command(BaseCommand):
    help = "载入来源材料中的情景(如 000、001)到演示县,并打印系统自身报表得出的数字。"

    def add_arguments(self, parser):
        parser.add_argument("name", help=f"情景编号:{'、'.join(registry.scenarios())}")

    def handle(self, *args, name, **options):
        scenarios = registry.scenarios()
        module_names = scenarios.get(name)
        if not module_names:
            raise CommandError(f"没有情景「{name}」;可用的情景:{'、'.join(scenarios)}")
        modules = [importlib.import_module(module_name) for module_name in module_names]
        started = time.perf_counter()
        for module in modules:
            module.load(stdout=self.stdout)
        self.stdout.write(f"情景 {name} 已载入,用时 {time.perf_counter() - started:.1f} 秒。")
