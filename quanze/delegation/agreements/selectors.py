"""Access choke points of agreements and agreement templates.

- the establishment office reads and writes those of its county;
- the justice bureau reads those of its county;
- a township clerk reads the agreements naming its township;
- department clerks, other counties and the public see none of them.
Missing and forbidden objects give the same NotFound.
"""

from django.db.models import QuerySet

from quanze.delegation.agreements.models import Agreement, AgreementTemplate
from quanze.delegation.permissions import get_visible
from quanze.org.roles import is_county_wide, is_office, is_township_clerk


def access_agreement(user, agreement_id) -> Agreement:
    qs = Agreement.objects.select_related("decision__batch__project", "township")
    if is_county_wide(user):
        qs = qs.filter(decision__batch__project__county_id=user.county_id)
    elif is_township_clerk(user):
        qs = qs.filter(township_id=user.township_id)
    else:
        qs = qs.none()
    return get_visible(qs, agreement_id, "委托协议")


def templates_readable(user) -> QuerySet[AgreementTemplate]:
    if is_county_wide(user):
        return AgreementTemplate.objects.filter(county_id=user.county_id)
    return AgreementTemplate.objects.none()


def access_template(user, template_id, *, for_write: bool = False) -> AgreementTemplate:
    qs = templates_readable(user)
    if for_write and not is_office(user):
        qs = qs.none()
    return get_visible(qs, template_id, "协议模板")
