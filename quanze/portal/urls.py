from quanze.portal.opendata.urls import urlpatterns as opendata_urls
from quanze.portal.requests.urls import urlpatterns as requests_urls

app_name = "portal"
urlpatterns = [*requests_urls, *opendata_urls]
