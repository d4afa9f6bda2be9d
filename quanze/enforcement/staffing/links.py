"""What enforcement adds to a delegation decision's page: 编随事走, the posts that should
follow its items (registered through core/links.py: delegation stands below enforcement)."""

from django.urls import reverse

from quanze.core.links import RelatedLink

SECTION = "编随事走"


def decision_links(user, decision) -> list[RelatedLink]:
    """Everyone who reads the decision reads its staffing page (the same choke point)."""
    if not user.is_authenticated:
        return []
    return [
        RelatedLink(
            SECTION,
            "本决定事项应随之下沉的编制与承接乡镇执法力量",
            reverse("enforcement:staffing_decision", args=[decision.pk]),
            "按部门测算应随事下沉编制,列出持证执法人员少于下限的承接乡镇",
        )
    ]
