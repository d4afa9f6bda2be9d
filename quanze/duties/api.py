"""The duties API: mounts the processes' routers (paths as before, under /api/duties)."""

from ninja import Router

from quanze.duties.admission import api as admission_api
from quanze.duties.dutylists import api as dutylists_api
from quanze.duties.territorial import api as territorial_api

router = Router(tags=["履职与属地清单"])
router.add_router("", territorial_api.router)
router.add_router("", dutylists_api.router)
router.add_router("", admission_api.router)

__all__ = ["router"]
