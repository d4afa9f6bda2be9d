from quanze.catalog.catalogs import urls as catalogs_urls
from quanze.catalog.documents import urls as documents_urls
from quanze.catalog.importing import urls as importing_urls
from quanze.catalog.powers import urls as powers_urls

app_name = "catalog"
urlpatterns = [
    *catalogs_urls.urlpatterns,
    *importing_urls.urlpatterns,
    *documents_urls.urlpatterns,
    *powers_urls.urlpatterns,
]
