from ninja import Router

from quanze.enforcement.benchmarks import api as benchmarks_api
from quanze.enforcement.casefiles import api as casefiles_api
from quanze.enforcement.cases import api as cases_api
from quanze.enforcement.disclosure import api as disclosure_api
from quanze.enforcement.documents import api as documents_api
from quanze.enforcement.exams import api as exams_api
from quanze.enforcement.guidance import api as guidance_api
from quanze.enforcement.officers import api as officers_api
from quanze.enforcement.review import api as review_api
from quanze.enforcement.squads import api as squads_api
from quanze.enforcement.staffing import api as staffing_api
from quanze.enforcement.statistics import api as statistics_api
from quanze.enforcement.training import api as training_api

router = Router()
router.add_router("", cases_api.router)
router.add_router("", officers_api.router)
router.add_router("", disclosure_api.router)
router.add_router("", documents_api.router)
router.add_router("", casefiles_api.router)
router.add_router("", benchmarks_api.router)
router.add_router("", guidance_api.router)
router.add_router("", review_api.router)
router.add_router("", statistics_api.router)
router.add_router("", squads_api.router)
router.add_router("", staffing_api.router)
router.add_router("", exams_api.router)
router.add_router("", training_api.router)
