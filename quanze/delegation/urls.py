from django.urls import path  # noqa: F401

app_name = "delegation"
urlpatterns: list = []

# Approval, claims and the item timeline (part B).
from quanze.delegation.urls_b import urlpatterns as _part_b  # noqa: E402

urlpatterns += _part_b

# Projects, assessment, consultation and legality review (part A).
from quanze.delegation.process_urls import urlpatterns as _part_a  # noqa: E402

urlpatterns += _part_a
