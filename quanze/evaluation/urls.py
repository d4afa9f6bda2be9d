from quanze.evaluation.lawchange.urls import urlpatterns as lawchange_urls

app_name = "evaluation"
urlpatterns = [*lawchange_urls]
