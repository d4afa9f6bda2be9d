"""The catalog API: mounts the processes' routers (powers, then catalogs and versions)."""

from ninja import Router

from quanze.catalog.catalogs import api as catalogs_api
from quanze.catalog.importing import api as importing_api
from quanze.catalog.powers import api as powers_api

router = Router(tags=["事项目录"])
router.add_router("", powers_api.router)
router.add_router("", catalogs_api.router)
router.add_router("", importing_api.router)
