"""`quanze generate_claims`: the claims of a province made by `quanze generate` (same options)."""

import time

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from quanze.catalog.demo.province import build_plan
from quanze.catalog.models import PowerType
from quanze.delegation.claims.demo import generate_claims


class Command(BaseCommand):
    help = (
        "为 quanze generate 生成的省份写入全部乡镇的认领(每个乡镇对每个目录事项一行,已确认);"
        "须使用与 generate 相同的乡镇数、事项数和种子。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--townships", type=int, default=2500, help="乡镇(街道)数")
        parser.add_argument("--items", type=int, default=471, help="指导目录事项数")
        parser.add_argument("--seed", type=int, default=1, help="随机种子")

    def handle(self, *args, townships, items, seed, **options):
        started = time.perf_counter()
        prefixes = {t.name: t.prefix for t in PowerType.objects.all()}
        plan = build_plan(townships=townships, items=items, seed=seed, prefixes=prefixes)
        verbose = options["verbosity"] > 1
        try:
            window = generate_claims(
                plan, (lambda step, n: self.stdout.write(f"  {step}: {n}")) if verbose else None
            )
        except (ValueError, ObjectDoesNotExist) as error:
            raise CommandError(f"无法生成认领:{error}") from None
        rows = window.claims.count()
        self.stdout.write(
            f"已生成认领 {rows} 行({len(plan.townships)} 个乡镇 × {len(plan.items)} 项),"
            f"认领窗口编号 {window.pk},用时 {time.perf_counter() - started:.1f} 秒。"
        )
