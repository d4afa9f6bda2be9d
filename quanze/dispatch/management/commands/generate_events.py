"""`quanze generate_events`: a year of dispatch events over the townships `quanze generate`
wrote (a province or the nation), set-based (quanze.dispatch.loop.fabricate)."""

import time

from django.core.management.base import BaseCommand, CommandError

from quanze.dispatch.loop.fabricate import generate_events


class Command(BaseCommand):
    help = (
        "为 quanze generate 生成的乡镇(一个省或全国)生成2025年一年的吹哨报到事件(同一种子生成相同"
        "数据):派发、接收、办结、反馈、退回、争议裁定、兜底各环节的记录,最后若干件未办结;随后重算"
        "考评指标汇总。整批写入(PostgreSQL 用 COPY),不发通知。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=2_000_000, help="事件数(默认200万)")
        parser.add_argument(
            "--open-events", type=int, default=None, help="其中未办结的事件数(默认事件数的十分之一)"
        )
        parser.add_argument("--seed", type=int, default=1, help="随机种子")
        parser.add_argument(
            "--no-measures",
            action="store_true",
            help="不重算考评指标汇总(之后可运行 measures_rebuild)",
        )

    def handle(self, *args, events, open_events, seed, no_measures, **options):
        started = time.perf_counter()
        open_events = events // 10 if open_events is None else open_events

        def progress(step, count):
            elapsed = time.perf_counter() - started
            if step == "events":
                self.stdout.write(f"  已写入事件 {count:,} 件({elapsed:.0f} 秒)")
            else:
                self.stdout.write(f"  正在重算考评指标汇总({elapsed:.0f} 秒)")

        try:
            made = generate_events(
                events=events,
                open_events=open_events,
                seed=seed,
                measures=not no_measures,
                progress=progress if options["verbosity"] > 0 else None,
            )
        except ValueError as error:
            raise CommandError(f"无法生成事件:{error}") from None
        self.stdout.write(
            f"已生成事件 {made['events']:,} 件(未办结 {made['open']:,} 件,其中超期 "
            f"{made['overdue']:,} 件;退回 {made['sent_back']:,} 次,争议 {made['disputes']:,} 件,"
            f"兜底 {made['fallback']:,} 件),共写入 {made['rows']:,} 行,用时 "
            f"{time.perf_counter() - started:.1f} 秒。"
        )
