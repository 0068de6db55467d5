from django.urls import path

from cms.datasets import views

urlpatterns = [
    path("oai", views.oai_pmh, name="oai-pmh"),
    path("katalog.ttl", views.catalog_turtle, name="dcat-turtle"),
    path("katalog.jsonld", views.catalog_json_ld, name="dcat-json-ld"),
    path("unduh/<int:pk>", views.download, name="dataset-download"),
]
