"""Builders of the dispatch tests: a department's send-back through the disputes service."""

from quanze.dispatch.disputes import services as disputes


def sent_back(cast, event, matter, reason="不归我们管"):
    """城管局 sends `event` back citing `matter` in the list version it was routed by."""
    return disputes.event_send_back(
        by=cast.dept_clerk,
        event=event,
        reason=reason,
        matter=matter,
        version_id=event.routing["version_id"],
    )
