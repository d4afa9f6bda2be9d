"""Who may see and change what in the duties app: the one choke point per object type.

- Territorial lists and their published versions are public (anyone reads them, as the
  published lists are disclosed); drafts, meetings and history are for the county.
- The establishment office of the county edits lists, holds meetings, decides admissions.
- A department clerk files and edits its own department's admission requests.
- A township clerk edits its own township's raw items and answers its own rounds.
"""

from quanze.core.errors import NotFound
from quanze.duties.models import (
    AdmissionRequest,
    DutyList,
    DutyOpinion,
    DutyVersion,
    ResponsibilityList,
    ResponsibilityVersion,
)
from quanze.org.roles import is_department_clerk, is_office, is_township_clerk


def in_county(user, county_id) -> bool:
    return user.is_authenticated and user.county_id is not None and user.county_id == county_id


def office_of(user, county_id) -> bool:
    return is_office(user) and user.county_id == county_id


def access_list(user, pk, *, for_write=False) -> ResponsibilityList:
    obj = ResponsibilityList.objects.select_related("county").filter(pk=pk).first()
    if obj is None:
        raise NotFound("属地清单")
    if for_write and not office_of(user, obj.county_id):
        raise NotFound("属地清单")
    return obj


def access_version(user, pk, *, for_write=False) -> ResponsibilityVersion:
    obj = (
        ResponsibilityVersion.objects.select_related("responsibility_list__county")
        .filter(pk=pk)
        .first()
    )
    if obj is None:
        raise NotFound("清单版本")
    county_id = obj.responsibility_list.county_id
    if for_write and not office_of(user, county_id):
        raise NotFound("清单版本")
    if obj.published_at is None and not in_county(user, county_id):
        raise NotFound("清单版本")
    return obj


def admissions_visible(user):
    qs = AdmissionRequest.objects.select_related("department", "county", "field")
    if is_office(user) or (user.is_authenticated and user.role == "justice_reviewer"):
        return qs.filter(county_id=user.county_id)
    if is_department_clerk(user):
        return qs.filter(department_id=user.department_id)
    if is_township_clerk(user):
        return qs.filter(county_id=user.county_id).exclude(state=AdmissionRequest.State.DRAFT)
    return qs.none()


def access_admission(user, pk, *, for_write=False) -> AdmissionRequest:
    obj = admissions_visible(user).filter(pk=pk).first()
    if obj is None:
        raise NotFound("准入申请")
    if for_write and not (
        office_of(user, obj.county_id)
        or (is_department_clerk(user) and user.department_id == obj.department_id)
    ):
        raise NotFound("准入申请")
    return obj


def duty_lists_visible(user):
    qs = DutyList.objects.select_related("township")
    if not user.is_authenticated or user.county_id is None:
        return qs.none()
    return qs.filter(township__parent_id=user.county_id)


def can_edit_duty_list(user, duty_list) -> bool:
    return office_of(user, duty_list.township.parent_id) or (
        is_township_clerk(user) and user.township_id == duty_list.township_id
    )


def access_duty_list(user, pk, *, for_write=False) -> DutyList:
    obj = duty_lists_visible(user).filter(pk=pk).first()
    if obj is None or (for_write and not can_edit_duty_list(user, obj)):
        raise NotFound("履职事项清单")
    return obj


def access_duty_version(user, pk, *, for_write=False) -> DutyVersion:
    obj = DutyVersion.objects.select_related("duty_list__township").filter(pk=pk).first()
    if obj is None:
        raise NotFound("履职清单版本")
    if obj.published_at is not None and not for_write:
        return obj
    access_duty_list(user, obj.duty_list_id, for_write=for_write)
    return obj


def access_opinion(user, pk, *, for_write=False) -> DutyOpinion:
    obj = (
        DutyOpinion.objects.select_related("round__version__duty_list__township")
        .filter(pk=pk)
        .first()
    )
    if obj is None:
        raise NotFound("意见")
    duty_list = obj.round.version.duty_list
    access_duty_list(user, duty_list.pk)
    if for_write and not (
        (
            obj.department_id
            and is_department_clerk(user)
            and user.department_id == obj.department_id
        )
        or (obj.township_id and is_township_clerk(user) and user.township_id == obj.township_id)
    ):
        raise NotFound("意见")
    return obj
