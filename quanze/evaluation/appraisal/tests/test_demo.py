"""The demo county's appraisal round: loaded once, scored by the demo's clerks, closed."""

import pytest

from quanze.evaluation.appraisal import selectors
from quanze.evaluation.appraisal.demo import demo_appraisal
from quanze.evaluation.appraisal.models import AppraisalRound

pytestmark = pytest.mark.django_db


def test_the_demo_loads_one_closed_round_with_results_once(cast):
    line = demo_appraisal()
    round = AppraisalRound.objects.get()
    # every clerk of the cast's county filled its sheets: 2 townships × 2 departments, both ways
    assert line.endswith("提交互评表 8 份。") and round.status == "closed"
    ranked = selectors.round_results(cast.dept_clerk, round)["department"]
    assert [r.rank for r in ranked] in ([1, 2], [1, 1])
    assert demo_appraisal() == "双向互评演示数据已存在,未重复载入。"
    assert AppraisalRound.objects.count() == 1
