"""权随事转: where a township holds, on the day, a delegated power tied to a matter (a
penalty for 占道经营 granted or entrusted to it by a published decision), its
integrated enforcement team leads on that matter there.

The list (quanze.duties) names the powers a matter relies on; the decision
(quanze.delegation) names the powers and townships it delegates. Neither app knows the
other; this module, above both, reads the two together:

- `held(township, power_ids, on)`: the decision in force that gives the township one of
  the powers, for the routing's "why";
- `version_conflicts(version)` / `decision_conflicts(decision)`: where the list gives a
  department the lead on a matter whose power a township holds by a decision — a
  warning on both pages (core.links), until the list or the decision is put right.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone

from quanze.core.links import RelatedLink


@dataclass(frozen=True)
class Held:
    decision: object
    powers: tuple  # names of the delegated powers tied to the matter

    def sentence(self, township) -> str:
        d = self.decision
        return (
            f"「{township}」自{d.effective_date:%Y年%m月%d日}起依{d.document_number}"
            f"({d.get_mode_display()})行使「{'」「'.join(self.powers)}」,"
            f"权随事转,由其综合行政执法队伍承担主体责任"
        )


def _decisions(on: date):
    from quanze.delegation.decisions.models import Decision

    return Decision.objects.filter(status=Decision.Status.PUBLISHED, effective_date__lte=on)


def held(*, township, power_ids, on: date) -> Held | None:
    """The newest published decision in force on `on` that delegates to `township` one of
    `power_ids`, with the names of those powers; None when there is none."""
    if not power_ids:
        return None
    decision = (
        _decisions(on)
        .filter(townships=township, items__item__power_id__in=power_ids)
        .order_by("-effective_date", "-pk")
        .first()
    )
    if decision is None:
        return None
    names = (
        decision.items.filter(item__power_id__in=power_ids)
        .order_by("position")
        .values_list("item__power__name", flat=True)
    )
    return Held(decision=decision, powers=tuple(dict.fromkeys(names)))


@dataclass(frozen=True)
class Conflict:
    version: object
    item: object
    decision: object
    townships: tuple
    powers: tuple

    def text(self) -> str:
        return (
            f"清单第{self.item.position}项「{self.item.matter}」由{self.item.primary_department}"
            f"承担主体责任,而{self.decision}已将「{'」「'.join(self.powers)}」下放给"
            f"{'、'.join(self.townships)}:按权随事转,应由乡镇(街道)承担主体责任,"
            f"请修改清单或赋权决定"
        )


def _conflicts(items, decisions) -> list[Conflict]:
    from quanze.duties.territorial.models import ResponsibilityItem

    out = []
    linked = ResponsibilityItem.powers.through.objects.filter(
        responsibilityitem__in=[i.pk for i in items]
    ).values_list("responsibilityitem_id", "power_id")
    by_item: dict[int, set] = {}
    for item_id, power_id in linked:
        by_item.setdefault(item_id, set()).add(power_id)
    for item in items:
        powers = by_item.get(item.pk)
        if not powers or item.township_primary:
            continue
        for decision in decisions:
            given = [
                (bi.item.power_id, bi.item.power.name)
                for bi in decision.items.all()
                if bi.item.power_id in powers
            ]
            towns = tuple(str(t) for t in decision.townships.all() if t.parent_id == item.county_id)
            if given and towns:
                names = tuple(dict.fromkeys(name for _pid, name in given))
                out.append(Conflict(item.version, item, decision, towns, names))
    return out


def version_conflicts(version, on: date | None = None) -> list[Conflict]:
    """Matters of this list version whose power a township of the county holds by a
    published decision in force, while the list gives a department the lead."""
    from quanze.duties.territorial.models import ResponsibilityItem

    county_id = version.responsibility_list.county_id
    items = list(
        ResponsibilityItem.objects.filter(version=version, powers__isnull=False)
        .distinct()
        .select_related("matter", "primary_department", "version")
    )
    for item in items:
        item.county_id = county_id
    decisions = (
        _decisions(on or timezone.localdate())
        .filter(townships__parent_id=county_id)
        .distinct()
        .prefetch_related("items__item__power", "townships")
    )
    return _conflicts(items, list(decisions))


def decision_conflicts(decision, on: date | None = None) -> list[Conflict]:
    """The same warning seen from the decision: list versions in force in the counties of
    its townships that give a department the lead on a matter tied to its powers."""
    from quanze.duties.territorial.models import ResponsibilityItem
    from quanze.duties.territorial.routing import version_in_force

    if decision.status != decision.Status.PUBLISHED:
        return []
    day = on or timezone.localdate()
    power_ids = [bi.item.power_id for bi in decision.items.select_related("item")]
    out = []
    counties = {t.parent for t in decision.townships.select_related("parent")}
    for county in counties:
        version = version_in_force(county=county, on=day)
        if version is None:
            continue
        items = list(
            ResponsibilityItem.objects.filter(version=version, powers__in=power_ids)
            .distinct()
            .select_related("matter", "primary_department", "version")
        )
        for item in items:
            item.county_id = county.pk
        out += _conflicts(items, [decision])
    return out


def version_links(user, version) -> list[RelatedLink]:
    if user.is_anonymous or user.county_id != version.responsibility_list.county_id:
        return []
    return [
        RelatedLink(
            section="清单与赋权决定不一致",
            label=f"「{c.item.matter}」与{c.decision}",
            url=reverse("delegation:decision_detail", args=[c.decision.pk]),
            note=c.text(),
        )
        for c in version_conflicts(version)
    ]


def decision_links(user, decision) -> list[RelatedLink]:
    if user.is_anonymous:
        return []
    return [
        RelatedLink(
            section="清单与赋权决定不一致",
            label=f"{c.version}第{c.item.position}项「{c.item.matter}」",
            url=reverse("duties:version_detail", args=[c.version.pk]),
            note=c.text(),
        )
        for c in decision_conflicts(decision)
        if user.county_id == c.version.responsibility_list.county_id
    ]
