"""The dispatch section of the workbench: each unit's queues with counts and deadlines, in a
fixed number of queries."""

from django.urls import reverse

from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.loop import services
from quanze.dispatch.loop.workbench import dispatch_section


def _task(section, label):
    return next(task for task in section.tasks if task.label.startswith(label))


def test_a_department_sees_the_event_it_must_accept_with_its_deadline(cast, dispatched):
    section = dispatch_section(cast.dept_clerk)
    task = _task(section, "待接收")
    assert task.count == 1
    assert task.due == dispatched.accept_due
    assert task.url == reverse("dispatch:event_list") + "?queue=new"
    assert _task(dispatch_section(cast.other_dept_clerk), "待接收").count == 0


def test_the_township_sees_what_it_must_dispatch_and_rate(cast, matters, dispatched):
    raise_event(cast, matter=matters["stalls"])
    section = dispatch_section(cast.town_a_clerk)
    assert _task(section, "待确认事项并派发").count == 1
    assert _task(dispatch_section(cast.town_b_clerk), "待确认事项并派发").count == 0


def test_the_office_watches_the_response_rate(cast, dispatched):
    services.event_accept(by=cast.dept_clerk, event=dispatched)
    figures = {figure.label: figure for figure in dispatch_section(cast.office).figures}
    assert figures["派发事件(近30天)"].value == "1"
    assert figures["响应率"].value == "100.0%"
    assert figures["满意率"].value == "暂无数据"


def test_the_section_counts_in_constant_queries(cast, matters, django_assert_max_num_queries):
    for n in range(6):
        event = raise_event(cast, matter=matters["garbage"], text=f"垃圾满溢{n}")
        services.event_dispatch(by=cast.town_a_clerk, event=event)
    for user in (cast.office, cast.dept_clerk, cast.town_a_clerk, cast.reviewer):
        with django_assert_max_num_queries(6):
            section = dispatch_section(user)
    assert _task(dispatch_section(cast.dept_clerk), "待接收").count == 6
    assert section is not None
