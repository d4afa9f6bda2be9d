"""The evaluation app's API: each process's router."""

from ninja import Router

from quanze.evaluation.adjustment import api as adjustment_api
from quanze.evaluation.appraisal import api as appraisal_api
from quanze.evaluation.lawchange import api as lawchange_api
from quanze.evaluation.rounds import api as rounds_api

router = Router()
router.add_router("", rounds_api.router)
router.add_router("", appraisal_api.router)
router.add_router("", lawchange_api.router)
router.add_router("", adjustment_api.router)
