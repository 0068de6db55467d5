"""Panels on a shareable page's edit view: message previews and the deliveries so far."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin.panels import Panel


class SocialSharePreviewPanel(Panel):
    """How the last saved version reads on each network, measured by the network's rules."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            from social_sync.models import Network
            from social_sync.rendering import render_message

            page = self.instance
            if not page.pk or not page.url_path:
                return format_html("<p>{}</p>", _("Save the page to see the preview."))
            rows = []
            for network in Network:
                rendered = render_message(page, network)
                problems = format_html_join("", "<li>{}</li>", ((p,) for p in rendered.problems))
                rows.append(
                    format_html(
                        '<div class="help-block"><h3>{}</h3>'
                        '<pre style="white-space: pre-wrap">{}</pre>'
                        "<p>{}</p><ul>{}</ul></div>",
                        network.label,
                        rendered.text,
                        _("%(length)s of %(limit)s characters")
                        % {"length": rendered.length, "limit": rendered.limit},
                        problems,
                    )
                )
            return format_html_join("", "{}", ((row,) for row in rows))


class SocialDeliveriesPanel(Panel):
    """Each delivery of the page: waiting, posted with its link, retrying at, failed and why."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            from social_sync.models import DeliveryStatus, SocialDelivery

            page = self.instance
            deliveries = (
                SocialDelivery.objects.filter(page_id=page.pk).select_related("channel", "page")
                if page.pk
                else []
            )
            rows = [
                (
                    delivery.channel.name,
                    delivery.generation,
                    DeliveryStatus(delivery.status).label,
                    delivery.describe(),
                    format_html(
                        '<a href="{}" target="_blank" rel="noopener">{}</a>',
                        delivery.remote_url,
                        _("open"),
                    )
                    if delivery.remote_url
                    else "",
                )
                for delivery in deliveries
            ]
            if not rows:
                return format_html("<p>{}</p>", _("Not shared yet."))
            return format_html(
                '<table class="listing"><thead><tr><th>{}</th><th>#</th><th>{}</th><th>{}</th>'
                "<th></th></tr></thead><tbody>{}</tbody></table>",
                _("Channel"),
                _("Status"),
                _("Details"),
                format_html_join(
                    "",
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    rows,
                ),
            )
