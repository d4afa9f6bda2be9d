"""Background tasks of the dispatch app (Django's tasks framework; `quanze db_worker`)."""

from django.tasks import task


@task
def sweep_deadlines() -> int:
    """Escalate every overdue event; the scheduled command enqueues or runs this."""
    from quanze.dispatch.sweep import deadlines_sweep

    return deadlines_sweep()
