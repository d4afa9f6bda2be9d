"""The delegation app's API: only mounts the processes' routers."""

from ninja import Router

from quanze.delegation.assessment import api as assessment_api
from quanze.delegation.claims import api as claims_api
from quanze.delegation.consultation import api as consultation_api
from quanze.delegation.decisions import api as decisions_api
from quanze.delegation.projects import api as projects_api
from quanze.delegation.publication import api as publication_api
from quanze.delegation.review import api as review_api
from quanze.delegation.timeline import api as timeline_api

router = Router(tags=["赋权"])
router.add_router("", projects_api.router)
router.add_router("", assessment_api.router)
router.add_router("", consultation_api.router)
router.add_router("", review_api.router)
router.add_router("", decisions_api.router)
router.add_router("", publication_api.router)
router.add_router("", claims_api.router)
router.add_router("", timeline_api.router)
