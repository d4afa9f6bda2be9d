"""Who in a unit hears about a hand-off of the duties processes (rules for core/notices.py):
the office when a department files an admission request, the department (and, when
admitted, the townships concerned) when the office decides, and the units asked when a
三上三下 round of a township's duty list opens."""

from django.urls import reverse

from quanze.core import notices
from quanze.org.models import Division
from quanze.org.roles import Role, county_users


def admission_filed(request) -> list:
    """The county office must review a submitted request."""
    return notices.notify(
        county_users(request.county_id, Role.ESTABLISHMENT_OFFICE),
        kind=notices.Kind.ADMISSION_FILED,
        title=f"准入申请待审核:{request.matter_name}",
        body=f"{request.department}提交准入申请「{request.matter_name}」,请审核其合法性和合理性。",
        link=reverse("duties:admission_detail", args=[request.pk]),
    )


def admission_decided(request, reason: str = "") -> list:
    """The department hears the decision; on admission the townships now carrying the duty
    hear it too."""
    users = list(notices.unit_users(departments=[request.department_id]))
    if request.state == request.State.ADMITTED:
        townships = (
            Division.objects.filter(parent_id=request.county_id, level=Division.Level.TOWNSHIP)
            if request.all_townships
            else request.townships.all()
        )
        users += list(notices.unit_users(townships=list(townships.values_list("pk", flat=True))))
    decision = request.get_state_display()
    return notices.notify(
        users,
        kind=notices.Kind.ADMISSION_DECIDED,
        title=f"准入申请{decision}:{request.matter_name}",
        body=f"编办对{request.department}的准入申请「{request.matter_name}」作出决定:{decision}。"
        + (f"\n{reason.strip()}" if (reason or "").strip() else ""),
        link=reverse("duties:admission_detail", args=[request.pk]),
    )


def duty_round_opened(round_) -> list:
    """An upward round asks the named departments for opinions; a downward one asks the
    township to revise its draft."""
    version = round_.version
    township = version.duty_list.township
    if round_.direction == round_.Direction.UP:
        users = notices.unit_users(
            departments=list(round_.departments.values_list("pk", flat=True))
        )
        todo = "请对草案提出意见"
    else:
        users = notices.unit_users(townships=[township.pk])
        todo = "请根据部门意见修改草案"
    return notices.notify(
        users,
        kind=notices.Kind.DUTY_ROUND_OPENED,
        title=f"三上三下:{township}履职事项清单{round_}",
        body=f"编办就{township}履职事项清单草案开启{round_}({round_.get_direction_display()}),{todo}。",
        link=reverse("duties:dutyversion_detail", args=[version.pk]),
    )
