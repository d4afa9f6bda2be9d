from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "quanze.org"
    label = "org"
    verbose_name = "组织机构"
