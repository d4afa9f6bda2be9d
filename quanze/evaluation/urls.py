from quanze.evaluation.appraisal import urls as appraisal_urls
from quanze.evaluation.rounds import urls as rounds_urls

app_name = "evaluation"
urlpatterns = [*rounds_urls.urlpatterns, *appraisal_urls.urlpatterns]
