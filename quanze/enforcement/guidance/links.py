"""What guidance adds to a case's page: the guidance for the case's power, the benchmark
in force, and the guiding cases for that power (registered from EnforcementConfig.ready())."""

from django.urls import reverse
from django.utils import timezone

from quanze.core.links import RelatedLink
from quanze.enforcement.benchmarks.selectors import in_force
from quanze.enforcement.guidance import selectors

SECTION = "执法指引与指导案例"


def case_links(user, case) -> list[RelatedLink]:
    links = []
    guidance = selectors.guidance_for(user, case.power)
    if guidance is not None:
        url = reverse("enforcement:guidance_detail", args=[case.power_id])
        links.append(RelatedLink(SECTION, "执法指引", url, "法律依据、程序要求、证据要求"))
    item = in_force(county_id=case.county_id, power_id=case.power_id, on=timezone.localdate())
    if item is not None:
        url = reverse("enforcement:benchmark_version", args=[item.version_id])
        links.append(
            RelatedLink(SECTION, f"裁量基准:{item.version}", url, f"违法行为:{item.conduct}")
        )
        calculator = reverse("enforcement:benchmark_proposal") + f"?power={case.power_id}"
        links.append(RelatedLink(SECTION, "裁量计算", calculator, "按本案情形计算建议阶次和幅度"))
    for guiding in selectors.guiding_cases_for_power(user, case.power_id)[:20]:
        url = reverse("enforcement:guiding_case_detail", args=[guiding.pk])
        label = f"{guiding.number} {guiding.title}".strip()
        links.append(RelatedLink(SECTION, label, url, guiding.get_status_display()))
    return links
