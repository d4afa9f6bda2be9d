"""Who may see and change catalogs, versions and powers: the one place that decides.

Rules (issue 2):
- the establishment office reads and writes everything of its county, and reads
  the catalogs of the province and city above it;
- the justice bureau reads what the office reads and writes nothing here;
- a department clerk reads its own department's catalogs and powers, and the
  published versions of the others in reach; it writes its own department's
  powers and the drafts of its own department's catalogs;
- a township clerk reads its own township's catalogs and the published versions
  in reach; it writes the drafts of its own township's catalogs;
- the public reads published versions only.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from quanze.catalog.models import Catalog, CatalogEntry, CatalogVersion, Power
from quanze.org.roles import (
    divisions_in_reach,
    divisions_managed,
    is_county_wide,
    is_department_clerk,
    is_office,
    is_township_clerk,
)

PUBLISHED = CatalogVersion.Status.PUBLISHED


def _own_catalogs(user) -> Q:
    """Catalogs the user's own unit keeps (beyond what the county-wide roles read)."""
    if is_department_clerk(user):
        return Q(department_id=user.department_id)
    if is_township_clerk(user):
        return Q(owner_id=user.township_id)
    return Q(pk__in=[])


def catalogs_readable(user) -> QuerySet[Catalog]:
    has_published = Exists(CatalogVersion.objects.filter(catalog=OuterRef("pk"), status=PUBLISHED))
    if not user.is_authenticated:
        return Catalog.objects.filter(has_published)
    in_reach = Catalog.objects.filter(divisions_in_reach(user, prefix="owner__"))
    if is_county_wide(user):
        return in_reach
    return in_reach.filter(_own_catalogs(user) | Q(has_published))


def catalogs_writable(user) -> QuerySet[Catalog]:
    if is_office(user):
        return Catalog.objects.filter(divisions_managed(user, prefix="owner__"))
    if is_department_clerk(user) or is_township_clerk(user):
        return Catalog.objects.filter(divisions_in_reach(user, prefix="owner__")).filter(
            _own_catalogs(user)
        )
    return Catalog.objects.none()


def versions_readable(user) -> QuerySet[CatalogVersion]:
    versions = CatalogVersion.objects.filter(catalog__in=catalogs_readable(user))
    if is_county_wide(user):
        return versions
    if not user.is_authenticated:
        return versions.filter(status=PUBLISHED)
    own = CatalogVersion.objects.filter(catalog__in=catalogs_writable(user)).values("pk")
    return versions.filter(
        Q(status__in=[PUBLISHED, CatalogVersion.Status.SUPERSEDED]) | Q(pk__in=own)
    )


def powers_readable(user) -> QuerySet[Power]:
    """Working copies of powers; the public reads published snapshots instead."""
    if not user.is_authenticated:
        return Power.objects.none()
    in_reach = Power.objects.filter(divisions_in_reach(user, prefix="owner__"))
    if is_county_wide(user):
        return in_reach
    listed = CatalogEntry.objects.filter(power=OuterRef("pk"), version__in=versions_readable(user))
    own = Q(department_id=user.department_id) if is_department_clerk(user) else Q(pk__in=[])
    return in_reach.filter(own | Q(Exists(listed)))


def powers_writable(user) -> QuerySet[Power]:
    if is_office(user):
        return Power.objects.filter(divisions_managed(user, prefix="owner__"))
    if is_department_clerk(user):
        return Power.objects.filter(
            divisions_in_reach(user, prefix="owner__"), department_id=user.department_id
        )
    return Power.objects.none()


def can_publish(user, catalog: Catalog) -> bool:
    """Only the establishment office publishes lists of its county."""
    return is_office(user) and catalogs_writable(user).filter(pk=catalog.pk).exists()
