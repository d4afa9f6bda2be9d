"""The managed list of power types (national codes 01-10 and 20, plus 行政备案) and common fields."""

from django.db import migrations

POWER_TYPES = [
    # code, name, prefix, synonyms, national
    ("01", "行政许可", "XK", "许可、行政审批、审批", True),
    ("02", "行政处罚", "CF", "处罚", True),
    ("03", "行政强制", "QZ", "强制、行政强制措施、行政强制执行", True),
    ("04", "行政征收", "ZS", "征收、行政征收征用、行政征用", True),
    ("05", "行政给付", "JF", "给付", True),
    ("06", "行政检查", "JC", "检查、行政监督检查", True),
    ("07", "行政确认", "QR", "确认", True),
    ("08", "行政奖励", "JL", "奖励", True),
    ("09", "行政裁决", "CJ", "裁决", True),
    ("10", "其他行政权力", "QT", "其他、其他职权、其他类、其他权力、其他行政职权", True),
    ("20", "公共服务", "GG", "公共服务事项", True),
    ("L1", "行政备案", "BA", "备案", False),
]

FIELDS = [
    "城市管理", "生态环境", "市场监管", "应急管理", "自然资源", "农业农村", "住房城乡建设",
    "交通运输", "水利", "林业草原", "卫生健康", "民政", "人力资源社会保障", "文化旅游",
    "教育", "公安", "退役军人事务", "医疗保障", "司法行政", "消防救援", "文物", "人防", "其他",
]


def forwards(apps, schema_editor):
    PowerType = apps.get_model("catalog", "PowerType")
    Field = apps.get_model("catalog", "Field")
    for position, (code, name, prefix, synonyms, national) in enumerate(POWER_TYPES, start=1):
        PowerType.objects.update_or_create(
            code=code,
            defaults={"name": name, "prefix": prefix, "synonyms": synonyms, "national": national,
                      "position": position},
        )
    for name in FIELDS:
        Field.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
