"""A Facebook Page's feed through the Graph API: publish, find our own posts, delete."""

from django.utils.translation import gettext as _

from social_sync.adapters.base import Adapter, Posted, RemoteError, carries_link
from social_sync.adapters.graph import GraphClient, paginate
from social_sync.adapters.identity import remote_urls, search_window_start
from social_sync.vocabulary import ErrorKind, Network

FEED_FIELDS = "id,message,created_time,permalink_url,attachments{unshimmed_url,url}"


class FacebookPageAdapter(Adapter):
    """Posts to a Facebook Page's feed with the Page token."""

    network = Network.FACEBOOK_PAGE
    message_field = "share_message_facebook"

    def __init__(self, channel):
        super().__init__(channel)
        self.client = GraphClient(channel.page_token, channel.secrets(), on_throttle=self.throttle)

    @classmethod
    def channel_problems(cls, channel) -> dict[str, str]:
        errors = {}
        if not channel.page_id:
            errors["page_id"] = _("A Facebook channel needs the Page id.")
        if not channel.page_token:
            errors["page_token"] = _("A Facebook channel needs a Page access token.")
        return errors

    def publish(self, step) -> Posted:
        delivery = step.delivery
        post_args = {"message": delivery.message}
        if delivery.link:
            post_args["link"] = delivery.link
        result = self.client.call(
            f"{self.channel.page_id}/feed", post_args=post_args, creating=True
        )
        post_id = str(result.get("id", "")) if isinstance(result, dict) else ""
        if not post_id:
            raise RemoteError(
                ErrorKind.AMBIGUOUS, _("The network answered without a post id."), maybe_sent=True
            )
        return Posted(post_id, f"https://www.facebook.com/{post_id}")

    def delete(self, remote_id: str) -> None:
        try:
            self.client.call(remote_id, method="DELETE")
        except RemoteError as error:
            # Already gone (deleted by hand on Facebook) counts as deleted.
            if error.code == 100 and error.status in (400, 404):
                return
            raise

    def find_recent(self, delivery) -> list[Posted]:
        since = int(search_window_start(delivery).timestamp())
        args = {"fields": FEED_FIELDS, "limit": 100, "since": since}
        found = []
        for result in paginate(self.client, f"{self.channel.page_id}/feed", args):
            for item in result.get("data") or []:
                if isinstance(item, dict) and carries_link(delivery, _links_of(item)):
                    url = item.get("permalink_url") or f"https://www.facebook.com/{item['id']}"
                    found.append(Posted(str(item["id"]), url))
        return found


def _links_of(item) -> set[str]:
    """A feed post's links: in its message, and its link attachment (which the Page API
    lists under ``attachments``; ``unshimmed_url`` is the address as it was shared)."""
    attachments = (item.get("attachments") or {}).get("data") or []
    urls = [item.get("link")]
    for attachment in attachments if isinstance(attachments, list) else []:
        if isinstance(attachment, dict):
            urls += [attachment.get("unshimmed_url"), attachment.get("url")]
    return remote_urls(texts=[item.get("message") or ""], urls=urls)
