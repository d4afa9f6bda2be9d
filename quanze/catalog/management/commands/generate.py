"""`quanze generate`: deterministic province-scale data for benchmarks and load tests."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from quanze.catalog.catalogs import in_force
from quanze.catalog.demo.fabricate import Fabricator
from quanze.catalog.demo.nation import (
    NATION_ITEMS,
    NATION_TOWNSHIPS,
    PROVINCES,
    DeferredEntries,
    split,
)
from quanze.catalog.demo.province import PROVINCE, build_plan
from quanze.catalog.demo.workbooks import write_workbooks
from quanze.catalog.powers.models import PowerType
from quanze.org.models import Division


class Command(BaseCommand):
    help = (
        "生成省级规模的模拟数据(同一种子生成相同数据):市、县、乡镇、每县31个部门、"
        "省级赋权指导目录及每个乡镇的认领清单;可另生成部门权力事项,并可输出 xlsx 文件。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--townships", type=int, help="乡镇(街道)数(默认 2500;多省时 38000)")
        parser.add_argument("--items", type=int, help="指导目录事项数(默认 471;多省时 556)")
        parser.add_argument(
            "--provinces",
            type=int,
            default=0,
            help=f"生成多个省(1–{len(PROVINCES)},真实省级代码),乡镇平均分到各省",
        )
        parser.add_argument(
            "--nation",
            action="store_true",
            help=f"全国:{len(PROVINCES)} 个省、38000 个乡镇、每省指导目录 556 项(每乡镇约 340 项)",
        )
        parser.add_argument("--seed", type=int, default=1, help="随机种子")
        parser.add_argument("--powers", type=int, default=0, help="另生成的部门权力事项数")
        parser.add_argument("--xlsx-dir", type=Path, help="把目录和各乡镇清单写成 xlsx 文件的目录")
        parser.add_argument(
            "--no-lists",
            action="store_true",
            help="只写区划、部门和空目录,不写事项和清单(供导入基准测试从 xlsx 导入)",
        )

    def handle(self, *args, townships, items, seed, powers, xlsx_dir, no_lists, **options):
        provinces = len(PROVINCES) if options["nation"] else options["provinces"]
        if provinces:
            townships = NATION_TOWNSHIPS if townships is None else townships
            items = NATION_ITEMS if items is None else items
            return self.nation(
                provinces, townships, items, seed, powers, xlsx_dir, no_lists, options
            )
        townships = 2500 if townships is None else townships
        items = 471 if items is None else items
        if townships < 1 or items < 1 or powers < 0:
            raise CommandError("乡镇数和事项数须为正整数,部门权力事项数不能为负数")
        if Division.objects.filter(code=PROVINCE[0]).exists():
            raise CommandError(f"数据库中已有{PROVINCE[1]}({PROVINCE[0]}),请在空数据库中生成")
        started = time.perf_counter()
        prefixes = {t.name: t.prefix for t in PowerType.objects.all()}
        try:
            plan = build_plan(townships=townships, items=items, seed=seed, prefixes=prefixes)
        except ValueError as error:
            raise CommandError(str(error)) from None
        verbose = options["verbosity"] > 1

        def progress(step: str, n: int) -> None:
            if verbose:
                self.stdout.write(f"  {step}: {n}")

        with transaction.atomic():
            counts = Fabricator(plan, progress).run(lists=not no_lists, powers=powers)
            in_force.rebuild()  # the versions were written set-based, not by the services
        self.stdout.write(
            f"已生成:区划 {counts['divisions']} 个,部门 {counts['departments']} 个,"
            f"目录事项 {counts['catalog_items']} 项,清单条目 {counts['entries']} 条,"
            f"部门权力事项 {counts['department_powers']} 项,"
            f"用时 {time.perf_counter() - started:.1f} 秒。"
        )
        if xlsx_dir:
            started = time.perf_counter()
            rows = write_workbooks(plan, xlsx_dir, progress=progress if verbose else None)
            self.stdout.write(
                f"已写出 {len(plan.townships) + 1} 个 xlsx 文件({rows} 行)到 {xlsx_dir},"
                f"用时 {time.perf_counter() - started:.1f} 秒。"
            )

    def nation(self, provinces, townships, items, seed, powers, xlsx_dir, no_lists, options):
        """Several provinces, the list entries of all loaded in one statement (demo.nation)."""
        if not 1 <= provinces <= len(PROVINCES) or townships < provinces or items < 1:
            raise CommandError(f"省数应为 1–{len(PROVINCES)},乡镇数不少于省数,事项数为正整数")
        if powers < 0:
            raise CommandError("部门权力事项数不能为负数")
        if xlsx_dir:
            raise CommandError("多省生成不输出 xlsx 文件")
        chosen = PROVINCES[:provinces]
        taken = Division.objects.filter(code__in=[code for code, _ in chosen])
        if taken.exists():
            first = taken.first()
            raise CommandError(f"数据库中已有{first.name}({first.code}),请在空数据库中生成")
        started = time.perf_counter()
        prefixes = {t.name: t.prefix for t in PowerType.objects.all()}
        verbose = options["verbosity"] > 1
        entries = DeferredEntries()
        totals: dict[str, int] = {}
        with transaction.atomic():
            for province, n, extra in zip(
                chosen, split(townships, provinces), split(powers, provinces), strict=True
            ):
                try:
                    plan = build_plan(
                        townships=n, items=items, seed=seed, prefixes=prefixes, province=province
                    )
                except ValueError as error:
                    raise CommandError(str(error)) from None
                counts = Fabricator(plan, entries=entries).run(lists=not no_lists, powers=extra)
                for key, value in counts.items():
                    totals[key] = totals.get(key, 0) + value
                if verbose:
                    self.stdout.write(
                        f"  {province[1]}: {n} 个乡镇,{time.perf_counter() - started:.0f} 秒"
                    )
            loading = time.perf_counter()
            totals["entries"] = entries.load() if not no_lists else 0
            in_force.rebuild()  # the versions were written set-based, not by the services
            if verbose:
                self.stdout.write(
                    f"  清单条目 {totals['entries']} 条,用时 {time.perf_counter() - loading:.0f} 秒"
                )
        self.stdout.write(
            f"已生成 {provinces} 个省:区划 {totals['divisions']} 个,部门 {totals['departments']} 个,"
            f"目录事项 {totals['catalog_items']} 项,清单条目 {totals['entries']} 条,"
            f"部门权力事项 {totals['department_powers']} 项,"
            f"用时 {time.perf_counter() - started:.1f} 秒。"
        )
