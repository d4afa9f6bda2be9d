"""Objects of the approval and claim stages, built directly for the tests of the decisions,
publication, agreements and claims processes.

The projects, assessment and review services produce the same rows (project, assessments,
batch, reviews); these builders skip them so those tests do not depend on earlier stages.
"""

from datetime import date, timedelta

from django.utils import timezone

from quanze.catalog.catalogs import services as catalog
from quanze.catalog.models import Catalog, CatalogEntry
from quanze.delegation.decisions import services as decisions
from quanze.delegation.projects.models import DelegationProject, ItemAssessment
from quanze.delegation.review.models import Batch, BatchItem, LegalityReview, Mode
from quanze.testing import factories as f


def guiding_version(cast, n=4, *, basic=2, licences=1, prefix="CG"):
    """A published county catalog: `basic` basic items then optional ones; the last
    `licences` items are approvals (行政许可)."""
    powers = []
    for i in range(n):
        licence = i >= n - licences
        powers.append(
            f.PowerFactory(
                owner=cast.county,
                department=cast.land if licence else cast.urban,
                code=f"{prefix}-{i:03d}",
                name=f"{'审批' if licence else '处罚'}事项{i}",
                power_type=f.power_type("行政许可" if licence else "行政处罚"),
                field=f.field("自然资源" if licence else "城市管理"),
            )
        )
    listing = catalog.catalog_create(
        by=None, name=f"指导目录{prefix}", kind=Catalog.Kind.GUIDING, owner=cast.county
    )
    draft = catalog.version_draft(by=None, catalog=listing)
    kinds = [
        CatalogEntry.SetKind.BASIC if i < basic else CatalogEntry.SetKind.OPTIONAL for i in range(n)
    ]
    catalog.version_set_entries(
        by=None, version=draft, entries=list(zip(powers, kinds, strict=True))
    )
    return catalog.version_publish(by=None, version=draft, effective_date=date(2025, 1, 1))


def project(cast, version):
    p = DelegationProject.objects.create(
        county=cast.county,
        name="第一批赋权",
        catalog_version=version,
        owner=cast.office,
        started_on=date(2025, 1, 1),
    )
    p.townships.set([cast.town_a, cast.town_b])
    for position, entry in enumerate(version.entries.order_by("position"), start=1):
        ItemAssessment.objects.create(
            project=p, entry=entry, power_id=entry.power_id, position=position
        )
    return p


def batch(cast, p, *, status=Batch.Status.REVIEWED, verdicts=("pass",), mode=Mode.ENTRUSTMENT):
    """A batch of the project's first len(verdicts) items; None means not reviewed."""
    b = Batch.objects.create(
        project=p, number=1, title="城市管理处罚", mode=mode, status=status, created_by=cast.office
    )
    for position, (item, verdict) in enumerate(
        zip(p.items.order_by("position"), verdicts, strict=False), start=1
    ):
        bi = BatchItem.objects.create(batch=b, item=item, position=position)
        if verdict:
            LegalityReview.objects.create(
                batch_item=bi,
                mode=mode,
                legal_route="行政处罚法第二十四条",
                verdict=verdict,
                reviewer=cast.reviewer,
                reviewed_at=timezone.now(),
            )
    return b


def deadline(days=7):
    return timezone.now() + timedelta(days=days)


def recorded_decision(cast):
    """A recorded (not yet published) decision on two passed items for both townships."""
    p = project(cast, guiding_version(cast, n=3))
    submitted = batch(cast, p, verdicts=("pass", "pass"), status=Batch.Status.SUBMITTED)
    return decisions.decision_record(
        by=cast.office, batch=submitted, meeting_date=date(2025, 5, 6),
        document_number="平政发〔2025〕8号", townships=[cast.town_a, cast.town_b],
        mode=Mode.ENTRUSTMENT, effective_date=date(2025, 6, 1), fine_return_share="80",
    )  # fmt: skip
