"""Addresses the e-library serves outside GraphQL (mounted at ``/api/elibrary/``)."""

from django.urls import path

from cms.elibrary import views

urlpatterns = [
    path("opds/", views.opds_root, name="elibrary-opds"),
    path("opds/publikasi", views.opds_publications, name="elibrary-opds-publications"),
    path("opds/atom", views.opds_atom, name="elibrary-opds-atom"),
    path("opds/autentikasi", views.opds_auth, name="elibrary-opds-auth"),
    path("unduh/<int:edition_id>", views.download, name="elibrary-download"),
    path("pinjam/<int:edition_id>", views.borrow, name="elibrary-borrow"),
    path("berkas/<str:token>/<str:name>", views.file, name="elibrary-file"),
]
