"""`quanze replicas`: each read replica's state as the router sees it (answers, lag, used
or not), checked now; exit status 1 when a configured replica is not usable."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quanze.core import dbrouting


class Command(BaseCommand):
    help = "显示只读副本的状态:能否连接、回放延迟、是否用于读取(docs/deployment.md)"

    def handle(self, *args, **options):
        aliases = dbrouting.replica_aliases()
        if not aliases:
            self.stdout.write("未配置只读副本(DATABASE_REPLICA_URLS 为空),所有读写都在主库")
            return
        dbrouting.health.clear()
        unusable = 0
        for alias in aliases:
            found = dbrouting.health.health(alias)
            if found.ok:
                self.stdout.write(f"{alias}:可用,回放延迟 {found.lag:.1f} 秒")
            elif found.lag is None:
                unusable += 1
                self.stdout.write(f"{alias}:不可用(无法连接或已不是备库),读取改走主库")
            else:
                unusable += 1
                self.stdout.write(
                    f"{alias}:不可用(回放延迟 {found.lag:.1f} 秒,超过上限 "
                    f"{settings.DATABASE_REPLICA_MAX_LAG_SECONDS} 秒),读取改走主库"
                )
        if unusable:
            raise CommandError(f"{unusable} 个只读副本不可用")
