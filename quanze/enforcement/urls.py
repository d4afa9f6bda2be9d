from quanze.enforcement.cases import urls as cases_urls
from quanze.enforcement.disclosure import urls as disclosure_urls
from quanze.enforcement.officers import urls as officers_urls
from quanze.enforcement.review import urls as review_urls
from quanze.enforcement.statistics import urls as statistics_urls

app_name = "enforcement"
urlpatterns = [
    *cases_urls.urlpatterns,
    *officers_urls.urlpatterns,
    *disclosure_urls.urlpatterns,
    *review_urls.urlpatterns,
    *statistics_urls.urlpatterns,
]
