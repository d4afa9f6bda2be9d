from quanze.evaluation.appraisal.urls import urlpatterns as appraisal

app_name = "evaluation"
urlpatterns = [*appraisal]
