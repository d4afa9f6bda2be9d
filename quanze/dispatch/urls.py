from quanze.dispatch.hotline import urls as hotline_urls
from quanze.dispatch.intake import urls as intake_urls
from quanze.dispatch.loop import urls as loop_urls
from quanze.dispatch.measures import urls as measures_urls
from quanze.dispatch.suggestion import urls as suggestion_urls

app_name = "dispatch"
urlpatterns = [
    *loop_urls.urlpatterns,
    *intake_urls.urlpatterns,
    *hotline_urls.urlpatterns,
    *measures_urls.urlpatterns,
    *suggestion_urls.urlpatterns,
]
