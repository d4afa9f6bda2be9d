"""`quanze certificates-expiring`: the queue of certificates ending soon, and the reminder
to their units (for cron: `--notify`)."""

from datetime import date as Date

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "列出将到期的执法证;加 --notify 向所属单位和司法局发出到期提醒(每本证只提醒一次)"

    def add_arguments(self, parser):
        parser.add_argument("--county", required=True, help="县(市、区)区划代码,如 370124000000")
        parser.add_argument("--days", type=int, default=90, help="多少日内到期,默认 90")
        parser.add_argument("--date", help="以该日期(YYYY-MM-DD)计算,默认今天")
        parser.add_argument("--notify", action="store_true", help="发出到期提醒")

    def handle(self, *args, county, days, date=None, notify=False, **options):
        from django.utils import timezone

        from quanze.enforcement.officers.expiry import certificates_expiry_notify
        from quanze.enforcement.officers.selectors import certificates_expiring
        from quanze.org.models import Division, User

        if not 1 <= days <= 366:
            raise CommandError("--days:应为1至366")
        found = Division.objects.filter(code=county).first()
        if found is None:
            raise CommandError(f"--county:没有区划代码为{county}的县(市、区)")
        try:
            on = Date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError("--date:日期格式应为 YYYY-MM-DD") from None
        bureau = User.objects.filter(role=User.Role.JUSTICE_REVIEWER, county=found).first()
        if bureau is None:
            raise CommandError(f"{found.name}没有司法局用户")
        rows = certificates_expiring(bureau, on=on, within=days)
        for c in rows:
            self.stdout.write(
                f"{c.valid_to:%Y-%m-%d}\t{c.number}\t{c.officer.name}\t{c.officer.unit}"
            )
        self.stdout.write(f"{found.name}:{days}日内到期的执法证 {rows.count()} 本")
        if notify:
            count = certificates_expiry_notify(by=None, county=found, on=on, within=days)
            self.stdout.write(f"已提醒 {count} 本(此前已提醒的不再重复)")
