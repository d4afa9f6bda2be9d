"""The evaluation app's API: each process's router."""

from ninja import Router

from quanze.evaluation.appraisal import api as appraisal_api

router = Router()
router.add_router("", appraisal_api.router)
