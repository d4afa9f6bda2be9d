from ninja import Router

from quanze.evaluation.rounds import api as rounds_api

router = Router()
router.add_router("", rounds_api.router)
