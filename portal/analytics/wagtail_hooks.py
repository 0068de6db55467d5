"""The analytics section in the Wagtail admin menu (for who may view the daily counts)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from portal.analytics import dashboard


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(dashboard.PERMISSION)


@hooks.register("register_admin_urls")
def analytics_urls():
    urls = [
        path("analitik/", dashboard.dashboard, name="analytics_dashboard"),
        path("analitik/laporan/<int:year>.pdf", dashboard.annual_report, name="analytics_annual"),
    ]
    for report in dashboard.REPORTS:
        slug = report.index_url_name.removeprefix("analytics_").replace("_", "-")
        urls.append(
            path(
                f"analitik/{slug}/",
                dashboard.may_view(report.as_view()),
                name=report.index_url_name,
            )
        )
    return urls


def _items():
    items = [
        AnalyticsMenuItem(_("Dashboard"), reverse("analytics_dashboard"), icon_name="view", order=1)
    ]
    for order, report in enumerate(dashboard.REPORTS, start=2):
        items.append(
            AnalyticsMenuItem(
                report.page_title, reverse(report.index_url_name), icon_name="table", order=order
            )
        )
    return items


class AnalyticsSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(dashboard.PERMISSION)


@hooks.register("register_admin_menu_item")
def analytics_menu():
    return AnalyticsSubmenu(
        _("Analytics"),
        Menu(register_hook_name=None, construct_hook_name=None, items=_items()),
        icon_name="list-ul",
        name="analytics",
        order=900,
    )
