from quanze.evaluation.adjustment import urls as adjustment_urls
from quanze.evaluation.appraisal import urls as appraisal_urls
from quanze.evaluation.lawchange import urls as lawchange_urls
from quanze.evaluation.rounds import urls as rounds_urls

app_name = "evaluation"
urlpatterns = [
    *rounds_urls.urlpatterns,
    *appraisal_urls.urlpatterns,
    *lawchange_urls.urlpatterns,
    *adjustment_urls.urlpatterns,
]
