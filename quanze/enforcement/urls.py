from quanze.enforcement.benchmarks import urls as benchmarks_urls
from quanze.enforcement.casefiles import urls as casefiles_urls
from quanze.enforcement.cases import urls as cases_urls
from quanze.enforcement.disclosure import urls as disclosure_urls
from quanze.enforcement.documents import urls as documents_urls
from quanze.enforcement.exams import urls as exams_urls
from quanze.enforcement.guidance import urls as guidance_urls
from quanze.enforcement.officers import urls as officers_urls
from quanze.enforcement.review import urls as review_urls
from quanze.enforcement.squads import urls as squads_urls
from quanze.enforcement.staffing import urls as staffing_urls
from quanze.enforcement.statistics import urls as statistics_urls
from quanze.enforcement.training import urls as training_urls

app_name = "enforcement"
urlpatterns = [
    *cases_urls.urlpatterns,
    *officers_urls.urlpatterns,
    *disclosure_urls.urlpatterns,
    *documents_urls.urlpatterns,
    *casefiles_urls.urlpatterns,
    *benchmarks_urls.urlpatterns,
    *guidance_urls.urlpatterns,
    *review_urls.urlpatterns,
    *statistics_urls.urlpatterns,
    *squads_urls.urlpatterns,
    *staffing_urls.urlpatterns,
    *exams_urls.urlpatterns,
    *training_urls.urlpatterns,
]
