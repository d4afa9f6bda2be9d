"""The evaluation app's API: each process's router."""

from ninja import Router

from quanze.evaluation.lawchange import api as lawchange_api

router = Router()
router.add_router("", lawchange_api.router)
