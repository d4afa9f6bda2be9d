"""Who hears of a recorded law change: every unit whose lists hold a power citing a
changed article (departments, townships, and each county's establishment office), one
notice per person saying how many of their unit's rows are affected."""

from django.urls import reverse

from quanze.core import notices
from quanze.core.models import Notice
from quanze.org.models import User
from quanze.org.roles import Role


def law_change_notices(change, units) -> list:
    title = f"法规变更:{change}"
    link = reverse("evaluation:lawchange_detail", args=[change.pk])
    messages = []

    def body(count: int) -> str:
        return (
            f"{change.act}{change.get_kind_display()},{change.effective_from:%Y-%m-%d}起生效。"
            f"贵单位有 {count} 个清单(目录)条目引用了所涉条文,请核对并提出调整意见。"
        )

    users = notices.unit_users(departments=list(units.departments), townships=list(units.townships))
    for user in users:
        count = units.departments.get(user.department_id) or units.townships.get(
            user.township_id, 0
        )
        messages.append(notices.Message(user, title, body(count), link))
    offices = User.objects.filter(
        role=Role.ESTABLISHMENT_OFFICE, county__code__in=list(units.counties), is_active=True
    ).select_related("county")
    for user in offices:
        messages.append(notices.Message(user, title, body(units.counties[user.county.code]), link))
    return notices.notify_each(messages, kind=Notice.Kind.LAW_CHANGED)
