"""The dispatch API (`/api/dispatch/`): the processes' routers under one tag."""

from ninja import Router

from quanze.dispatch.hotline import api as hotline_api
from quanze.dispatch.loop import api as loop_api
from quanze.dispatch.measures import api as measures_api
from quanze.dispatch.suggestion import api as suggestion_api

router = Router(tags=["吹哨报到"])
router.add_router("", loop_api.router)
router.add_router("", hotline_api.router)
router.add_router("", suggestion_api.router)
router.add_router("", measures_api.router)
