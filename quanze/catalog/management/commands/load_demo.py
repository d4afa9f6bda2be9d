"""`quanze load_demo`: the demo county, loaded once; prints the demo logins."""

import time

from django.core.management.base import BaseCommand

from quanze.catalog.demo.loader import PASSWORD, demo_load, demo_loaded
from quanze.core.registry import demo_loaders


class Command(BaseCommand):
    help = "载入演示县(山东省济南市平阴县)的区划、部门、指导目录、乡镇清单和演示账号;重复执行不会重复载入。"

    def handle(self, *args, **options):
        started = time.perf_counter()
        existed = demo_loaded()
        logins = demo_load()
        if existed:
            self.stdout.write("演示数据已存在,未重复载入;已重置演示账号密码。")
        else:
            self.stdout.write(f"演示数据已载入,用时 {time.perf_counter() - started:.1f} 秒。")
        for load in demo_loaders().values():  # what other apps add to the demo county
            self.stdout.write(load())
        self.stdout.write(f"演示账号(密码均为 {PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<10} {login.role}  {login.unit}")
