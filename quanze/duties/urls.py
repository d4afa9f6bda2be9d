"""The duties pages: the processes' urlpatterns, under the app's namespace."""

from quanze.duties.admission import urls as admission_urls
from quanze.duties.dutylists import urls as dutylists_urls
from quanze.duties.territorial import urls as territorial_urls

app_name = "duties"
urlpatterns = [
    *territorial_urls.urlpatterns,
    *admission_urls.urlpatterns,
    *dutylists_urls.urlpatterns,
]
