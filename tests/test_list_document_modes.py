"""方式 of a township list's document from delegation's published decisions: the catalog
asks through `documents.modes`, which delegation fills (a catalog test may not import
delegation, so this one lives above both apps)."""

from datetime import date

from django_tasks_db.models import DBTaskResult

from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.demo.province import township_list_name
from quanze.catalog.documents import list_document
from quanze.catalog.documents.tests.lists import township_list
from quanze.delegation.decisions import services as decisions
from quanze.delegation.models import Batch, Mode
from quanze.delegation.tests import builders as b


def test_it_takes_the_mode_from_the_published_decision(cast, django_capture_on_commit_callbacks):
    version = township_list(cast, owner=cast.town_b)
    project = b.project(cast, b.guiding_version(cast, n=2, licences=0))
    batch = b.batch(cast, project, status=Batch.Status.SUBMITTED, verdicts=("pass",),
                    mode=Mode.GRANT)  # fmt: skip
    decision = decisions.decision_record(
        by=cast.office,
        batch=batch,
        meeting_date=date(2025, 5, 6),
        document_number="平政发〔2025〕9号",
        townships=[cast.town_a],
        mode=Mode.GRANT,
        effective_date=date(2025, 6, 1),
        fine_return_share="80",
    )
    with django_capture_on_commit_callbacks(execute=True):
        decisions.decision_publish(by=cast.office, decision=decision)
    power = batch.items.get().item.power
    listed = Catalog.objects.get(name=township_list_name("锦水街道")).versions.get()
    # The documents of the lists it published are rendered in the background.
    [queued] = DBTaskResult.objects.filter(
        task_path="quanze.catalog.documents.tasks.render_version_documents"
    )
    assert queued.args_kwargs["kwargs"] == {"version_ids": [listed.pk]}
    rows = {row[1]: row for row in list_document(listed).rows}
    assert rows[power.name][5:] == ["锦水街道", "赋权"]
    # A list in force before the decision took effect does not borrow its mode.
    listed.effective_date = date(2025, 5, 31)
    assert list_document(listed).rows[0][6] == ""
    # Another township's list does not either.
    assert list_document(version).rows[1][6] == ""
