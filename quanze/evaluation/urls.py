from quanze.evaluation.adjustment.urls import urlpatterns as adjustment

app_name = "evaluation"
urlpatterns = [*adjustment]
