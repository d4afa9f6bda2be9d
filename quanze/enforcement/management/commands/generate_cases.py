"""`quanze generate_cases`: a year of enforcement cases over the province of `quanze generate`."""

import time

from django.core.management.base import BaseCommand, CommandError

from quanze.enforcement.cases.fabricate import generate_cases


class Command(BaseCommand):
    help = (
        "为 quanze generate 生成的省份生成一年的执法案件(同一种子生成相同数据):每个乡镇的执法队员"
        "及执法证、各县司法局法制审核人员,案件及其办案记录、证据和保管记录;案件事项取自乡镇当年"
        "施行的权责清单,每个调查取证步骤有两名持有效执法证的执法人员,状态均按办案流程可达。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="随机种子")
        parser.add_argument(
            "--per-township", type=int, default=400, help="每个乡镇的案件数(默认400,全省约100万件)"
        )
        parser.add_argument("--year", type=int, default=2025, help="案件年度(默认2025)")

    def handle(self, *args, seed, per_township, year, **options):
        if per_township < 1:
            raise CommandError("--per-township:每个乡镇的案件数须为正整数")
        started = time.perf_counter()
        verbose = options["verbosity"] > 1
        try:
            counts = generate_cases(
                seed=seed,
                per_township=per_township,
                year=year,
                progress=(lambda step, n: self.stdout.write(f"  {step}: {n}")) if verbose else None,
            )
        except ValueError as error:
            raise CommandError(f"无法生成案件:{error}") from None
        self.stdout.write(
            f"已生成{year}年执法案件 {counts['cases']} 件,办案记录 {counts['steps']} 条"
            f"(其中执法人员 {counts['step_officers']} 人次),证据 {counts['evidence']} 件,"
            f"保管记录 {counts['custody']} 条,执法人员 {counts['officers']} 名,"
            f"用时 {time.perf_counter() - started:.1f} 秒。"
        )
