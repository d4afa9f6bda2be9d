"""Background tasks of the loop (Django's tasks framework; `quanze db_worker`)."""

from django.tasks import task

from quanze.dispatch.loop.sweep import deadlines_sweep


@task
def sweep_deadlines() -> int:
    """Escalate every overdue event; the scheduled command enqueues or runs this."""
    return deadlines_sweep()
