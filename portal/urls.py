"""URL map: the Wagtail admin, the GraphQL endpoint, allauth's headless API and health checks.

Pustaka is headless: no public page is rendered here, frontends read everything via /graphql/.
"""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from community import views as community_views
from portal import health
from portal.analytics import views as analytics_views
from portal.api.view import GraphQLView

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("graphql/", GraphQLView.as_view(), name="graphql"),
    path("_allauth/", include("allauth.headless.urls")),
    path("api/avatar", community_views.avatar, name="member-avatar"),
    path("api/elibrary/", include("cms.elibrary.urls")),
    path("api/program/", include("community.events.urls")),
    path("api/analytics/beacon", analytics_views.beacon, name="analytics-beacon"),
    path("api/data/", include("cms.datasets.urls")),
    path("healthz", health.alive, name="healthz"),
    path("readyz", health.ready, name="readyz"),
]

if not settings.PRODUCTION:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
