"""The delegation app's routes: only the processes' urlpatterns, in the `delegation` namespace."""

from quanze.delegation.agreements import urls as agreements_urls
from quanze.delegation.assessment import urls as assessment_urls
from quanze.delegation.claims import urls as claims_urls
from quanze.delegation.consultation import urls as consultation_urls
from quanze.delegation.decisions import urls as decisions_urls
from quanze.delegation.projects import urls as projects_urls
from quanze.delegation.publication import urls as publication_urls
from quanze.delegation.review import urls as review_urls
from quanze.delegation.timeline import urls as timeline_urls

app_name = "delegation"
urlpatterns = [
    *projects_urls.urlpatterns,
    *assessment_urls.urlpatterns,
    *consultation_urls.urlpatterns,
    *review_urls.urlpatterns,
    *decisions_urls.urlpatterns,
    *publication_urls.urlpatterns,
    *agreements_urls.urlpatterns,
    *claims_urls.urlpatterns,
    *timeline_urls.urlpatterns,
]
