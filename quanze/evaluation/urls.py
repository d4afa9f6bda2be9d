from quanze.evaluation.rounds import urls as rounds_urls

app_name = "evaluation"
urlpatterns = [*rounds_urls.urlpatterns]
