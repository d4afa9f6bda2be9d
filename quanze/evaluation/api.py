from ninja import Router

from quanze.evaluation.adjustment.api import router as adjustment

router = Router()
router.add_router("", adjustment)
