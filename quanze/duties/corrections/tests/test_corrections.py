"""Correcting one matter of the territorial list (as a dispute ruling does): a new published
version that differs from the one in force in that matter only, or nothing at all."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Forbidden
from quanze.core.models import ChangeRecord
from quanze.duties.corrections.selectors import current_item
from quanze.duties.corrections.services import Correction, list_correct
from quanze.duties.eventlog import events_for
from quanze.duties.territorial.models import Matter, ResponsibilityVersion
from quanze.duties.territorial.routing import responsibility_for
from quanze.duties.territorial.selectors import version_diff
from quanze.duties.territorial.tests.builders import published_list

ON = date(2025, 7, 1)
Status = ResponsibilityVersion.Status


@pytest.fixture
def base(cast):
    return published_list(cast)


def _matter(cast, name="违法建设查处"):
    return Matter.objects.get(county=cast.county, name=name)


def _correct(cast, correction, *, matter=None, by=None):
    return list_correct(
        by=by or cast.office,
        county=cast.county,
        matter=matter or _matter(cast),
        correction=correction,
        reason="事件争议裁定",
    )


def test_it_publishes_a_version_changing_only_the_corrected_matter(cast, base):
    corrected = _correct(
        cast,
        Correction(
            effective_date=ON,
            document_number="平编裁〔2025〕1号",
            primary_department=cast.land,
            remove_co_department=cast.land,
            add_co_department=cast.urban,
            add_co_duty="配合拆除",
            township_scope="named",
            townships=[cast.town_a],
        ),
    )
    version = corrected.version
    assert corrected.base == base and version.number == 2 and version.status == Status.PUBLISHED
    assert version.effective_date == ON and version.document_number == "平编裁〔2025〕1号"
    base.refresh_from_db()
    assert base.status == Status.SUPERSEDED
    diff = version_diff(old=base, new=version)
    assert diff["added"] == [] and diff["removed"] == []
    assert [c["matter"] for c in diff["changed"]] == ["违法建设查处"]
    labels = {label for label, _, _ in diff["changed"][0]["fields"]}
    # No fallback was named, so the primary department carries it: it moves along.
    assert labels == {"主体责任部门", "兜底牵头部门", "配合部门", "配合乡镇(街道)"}
    assert {label for label, _, _ in corrected.changes} == labels
    # The steps of the instruction sheet and the other matters are carried over untouched.
    item = version.items.get(matter__name="违法建设查处")
    assert item.steps.count() == 2 and item.basis.startswith("《中华人民共和国城乡规划法》")
    assert version.items.count() == 3
    # Routing: the old answer before the effective date, the corrected one from it.
    before = responsibility_for(matter=_matter(cast), township=cast.town_a, on=date(2025, 6, 30))
    after = responsibility_for(matter=_matter(cast), township=cast.town_a, on=ON)
    assert before.primary_department == cast.urban and before.version == base
    assert after.primary_department == cast.land and after.version == version
    # History: event rows of the draft and its publication, a ChangeRecord of the correction.
    assert [e.to_state for e in events_for(version)] == [Status.DRAFT, Status.PUBLISHED]
    record = ChangeRecord.objects.get(object_id=version.pk, action="correct")
    assert record.reason == "事件争议裁定" and record.after["主体责任部门"] == "平阴县自然资源局"


def test_a_change_of_text_alone_is_a_correction_too(cast, base):
    corrected = _correct(cast, Correction(effective_date=ON, township_duty="巡查发现并报告"))
    assert corrected.changes == [["配合责任", "日常巡查发现并及时报告,配合拆除", "巡查发现并报告"]]


@pytest.mark.parametrize(
    ("correction", "field", "text"),
    [
        (lambda c: Correction(effective_date=ON, primary_department=c.other_dept), "primary_department", "更正主体责任部门:「商河县城市管理局」不是本县部门"),
        (lambda c: Correction(effective_date=ON, add_co_department=c.other_dept), "add_co_department", "增加配合部门:「商河县城市管理局」不是本县部门"),
        (lambda c: Correction(primary_department=c.land), "effective_date", "更正生效日期:更正清单时必须填写"),
        (lambda c: Correction(effective_date=ON, remove_co_department=c.urban), "remove_co_department", "不是「违法建设查处」的配合部门"),
        (lambda c: Correction(effective_date=ON, add_co_department=c.land), "add_co_department", "已是「违法建设查处」的配合部门"),
        (lambda c: Correction(effective_date=ON, township_scope="named"), "townships", "须至少选一个"),
        (lambda c: Correction(effective_date=ON, primary_department=c.urban), "correction", "更正内容与现行清单相同"),
        (lambda c: Correction(effective_date=ON, primary_department=c.land), "primary_department", "同时是配合部门"),
        (lambda c: Correction(effective_date=ON, add_co_department=c.urban), "add_co_department", "同时是配合部门"),
        (lambda c: Correction(effective_date=ON), "correction", "未填写任何更正内容"),
    ],
)  # fmt: skip
def test_a_bad_correction_is_refused_naming_the_field_and_nothing_changes(
    cast, base, correction, field, text
):
    with pytest.raises(ValidationError) as error:
        _correct(cast, correction(cast))
    assert text in " ".join(error.value.message_dict[field])
    assert list(ResponsibilityVersion.objects.values_list("number", "status")) == [
        (1, Status.PUBLISHED)
    ]


def test_a_matter_not_on_the_list_cannot_be_corrected(cast, base):
    stray = Matter.objects.create(county=cast.county, name="共享单车停放")
    with pytest.raises(ValidationError) as error:
        _correct(cast, Correction(effective_date=ON, basis="新依据"), matter=stray)
    assert "「共享单车停放」不在现行" in error.value.message_dict["matter"][0]


def test_only_the_office_of_the_county_corrects_and_not_over_a_pending_draft(cast, base):
    correction = Correction(effective_date=ON, basis="新依据")
    for user in (cast.outsider, cast.dept_clerk, cast.town_a_clerk):
        with pytest.raises(Forbidden):
            _correct(cast, correction, by=user)
    from quanze.duties.territorial import services as territorial

    territorial.version_draft(by=cast.office, responsibility_list=base.responsibility_list)
    with pytest.raises(ValidationError, match="草稿"):
        _correct(cast, correction)


def test_current_item_is_the_entry_of_the_newest_published_version(cast, base):
    item = current_item(county=cast.county, matter=_matter(cast))
    assert item.version == base and item.primary_department == cast.urban
    assert current_item(county=cast.county, matter=None) is None


def test_a_correction_published_while_another_waits_for_the_list_is_not_overwritten(
    cast, base, monkeypatch
):
    """Two rulings correcting the same matter: the second builds its row from the version
    in force once it holds the list, not from the one it read before waiting for it."""
    from quanze.duties.corrections import services as corrections

    draft = corrections.territorial.version_draft
    raced = []

    def other_ruling_commits_first(**kwargs):
        if not raced:  # the other ruling takes the list first and publishes its correction
            raced.append(None)
            raced[0] = _correct(cast, Correction(effective_date=ON, basis="《城乡规划法》"))
        return draft(**kwargs)

    monkeypatch.setattr(corrections.territorial, "version_draft", other_ruling_commits_first)
    second = _correct(cast, Correction(effective_date=ON, primary_duty="依法查处违法建设"))
    item = second.version.items.get(matter=_matter(cast))
    assert item.primary_duty == "依法查处违法建设"
    assert item.basis == "《城乡规划法》"  # the first correction is kept
    assert second.base == raced[0].version and second.version.number == 3
    assert [label for label, _old, _new in second.changes] == ["主体责任"]
