"""Instagram content publishing through the Graph API: a container is made from the image and
caption, checked until it is ready, then published. Each step is its own task run.

A container is only a draft and is published at most once, so its status settles what a lost
reply left unknown: PUBLISHED means posted (we find the media by its link), FINISHED means not
posted (publishing it again cannot post twice). A container that ends in ERROR, expires or never
finishes cannot be published: a new one is made, as the Graph API advises.
"""

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from social_sync.adapters.base import Adapter, Posted, RemoteError, carries_link
from social_sync.adapters.graph import GraphClient, paginate
from social_sync.adapters.identity import remote_urls, search_window_start
from social_sync.vocabulary import ErrorKind, Network

MAX_CAPTION = 2200
MAX_HASHTAGS = 30
MIN_RATIO = 4 / 5
MAX_RATIO = 1.91
_HASHTAG = re.compile(r"(?<![\w&])#\w+")
# States a container can be published from, or was: an editor's retry keeps such a container.
USABLE_STATES = {"FINISHED", "PUBLISHED"}


class InstagramAdapter(Adapter):
    """Instagram content publishing: container, status, quota, publish (no delete in the API)."""

    network = Network.INSTAGRAM
    can_delete = False
    shares_image = True
    default_template = "{title}\n\n{summary}\n\nBaca selengkapnya: {url}\n\n{hashtags}"
    message_field = "share_message_instagram"
    max_length = MAX_CAPTION

    def __init__(self, channel):
        super().__init__(channel)
        self.client = GraphClient(channel.ig_token, channel.secrets(), on_throttle=self.throttle)

    # --- the steps ----------------------------------------------------------------------

    def advance(self, step) -> None:
        delivery = step.delivery
        if not delivery.ig_container_id:
            # Without a container nothing can have been published.
            if step.known_unposted() and self._page_still_live(step):
                container_id = self.create_container(delivery)
                step.wait(
                    settings.SOCIAL["IG_POLL_INTERVAL"],
                    ig_container_id=container_id,
                    ig_container_state="IN_PROGRESS",
                    ig_polls=0,
                )
            return
        state = self.container_status(delivery.ig_container_id)
        step.record(ig_container_state=state)
        if state == "PUBLISHED":
            step.settle_published(self.find_recent(delivery))
        elif state == "FINISHED":
            # A container whose media went out says PUBLISHED: this one is not posted.
            if step.known_unposted() and self._page_still_live(step):
                self._publish(step)
        elif state == "EXPIRED":
            # Not published within 24 hours (a paused channel, a long rate limit): start again.
            step.wait(0, ig_container_id="", ig_polls=0)
        elif state == "ERROR":
            step.send_failed(
                _(
                    "Instagram could not process the image (container status ERROR); "
                    "a new container is made."
                ),
                ig_container_id="",
                ig_polls=0,
            )
        else:
            # IN_PROGRESS, or a state we do not know: look again later, never publish blindly.
            polls = delivery.ig_polls + 1
            if polls >= settings.SOCIAL["IG_MAX_POLLS"]:
                step.send_failed(
                    _("Instagram kept processing the image too long; a new container is made."),
                    ig_container_id="",
                    ig_polls=0,
                )
            else:
                step.wait(settings.SOCIAL["IG_POLL_INTERVAL"], ig_polls=polls)

    @staticmethod
    def _page_still_live(step) -> bool:
        if step.page_is_live():
            return True
        step.skip_unpublished()
        return False

    def _publish(self, step) -> None:
        container_id = step.delivery.ig_container_id
        usage, total = self.publishing_quota()
        if usage >= total:
            raise RemoteError(
                ErrorKind.RATE_LIMIT,
                _("Instagram's publishing quota is used up (%(usage)s of %(total)s in 24 hours).")
                % {"usage": usage, "total": total},
                retry_at=timezone.now() + timedelta(hours=1),
            )
        step.sending()
        try:
            posted = self.publish_container(container_id)
        except RemoteError as error:
            if error.kind != ErrorKind.PERMANENT:
                raise
            # Refused: perhaps because an earlier, unanswered publish went through after all.
            if self.container_status(container_id) != "PUBLISHED":
                raise
            step.record(ig_container_state="PUBLISHED")
            step.settle_published(self.find_recent(step.delivery))
            return
        step.sent(posted)

    # --- the calls ----------------------------------------------------------------------

    def create_container(self, delivery) -> str:
        # A container is only a draft: creating one twice posts nothing, so no reconcile here.
        result = self.client.call(
            f"{self.channel.ig_user_id}/media",
            post_args={"image_url": delivery.image_url, "caption": delivery.message},
        )
        container_id = str(result.get("id", "")) if isinstance(result, dict) else ""
        if not container_id:
            raise RemoteError(ErrorKind.TRANSIENT, _("Instagram answered without a container id."))
        return container_id

    def container_status(self, container_id: str) -> str:
        result = self.client.call(container_id, args={"fields": "status_code,status"})
        return str(result.get("status_code", "")).upper()

    def publishing_quota(self) -> tuple[int, int]:
        result = self.client.call(
            f"{self.channel.ig_user_id}/content_publishing_limit",
            args={"fields": "quota_usage,config"},
        )
        data = (result.get("data") or [{}])[0]
        usage = int(data.get("quota_usage", 0) or 0)
        total = int((data.get("config") or {}).get("quota_total", 100) or 100)
        return usage, total

    def publish_container(self, container_id: str) -> Posted:
        result = self.client.call(
            f"{self.channel.ig_user_id}/media_publish",
            post_args={"creation_id": container_id},
            creating=True,
        )
        media_id = str(result.get("id", "")) if isinstance(result, dict) else ""
        if not media_id:
            raise RemoteError(
                ErrorKind.AMBIGUOUS, _("The network answered without a post id."), maybe_sent=True
            )
        return Posted(media_id, self.permalink(media_id))

    def permalink(self, media_id: str) -> str:
        try:
            result = self.client.call(media_id, args={"fields": "permalink"})
        except RemoteError:
            return ""  # the post exists; the link can be missing without harm
        return result.get("permalink", "") or ""

    def find_recent(self, delivery) -> list[Posted]:
        since = search_window_start(delivery)
        args = {"fields": "id,caption,permalink,timestamp", "limit": 100}
        found = []
        for result in paginate(self.client, f"{self.channel.ig_user_id}/media", args):
            items = [item for item in result.get("data") or [] if isinstance(item, dict)]
            for item in items:
                if _before(item.get("timestamp"), since):
                    continue
                if carries_link(delivery, remote_urls(texts=[item.get("caption") or ""])):
                    found.append(Posted(str(item["id"]), item.get("permalink", "") or ""))
            if items and _before(items[-1].get("timestamp"), since):
                break  # newest first: the rest is older than the delivery
        return found

    # --- rules --------------------------------------------------------------------------

    @classmethod
    def channel_problems(cls, channel) -> dict[str, str]:
        errors = {}
        if not channel.ig_user_id:
            errors["ig_user_id"] = _("An Instagram channel needs the Instagram user id.")
        if not channel.ig_token:
            errors["ig_token"] = _("An Instagram channel needs an access token.")
        return errors

    @classmethod
    def message_problems(cls, text: str) -> list[str]:
        problems = []
        if len(text) > MAX_CAPTION:
            problems.append(
                _("The Instagram caption is %(length)s characters long; at most %(limit)s.")
                % {"length": len(text), "limit": MAX_CAPTION}
            )
        if hashtag_count(text) > MAX_HASHTAGS:
            problems.append(
                _("The Instagram caption has %(count)s hashtags; at most %(limit)s.")
                % {"count": hashtag_count(text), "limit": MAX_HASHTAGS}
            )
        return problems

    @classmethod
    def field_problems(cls, text: str) -> list[str]:
        problems = []
        if len(text) > MAX_CAPTION:
            problems.append(
                _("%(length)s of %(limit)s characters.")
                % {"length": len(text), "limit": MAX_CAPTION}
            )
        if hashtag_count(text) > MAX_HASHTAGS:
            problems.append(
                _("%(count)s hashtags; Instagram allows %(limit)s.")
                % {"count": hashtag_count(text), "limit": MAX_HASHTAGS}
            )
        return problems

    @classmethod
    def image_problems(cls, image) -> list[str]:
        if image is None:
            return [_("Instagram needs an image: choose one under “image to share”.")]
        if not image.width or not image.height:
            return []
        ratio = image.width / image.height
        if ratio < MIN_RATIO - 0.005 or ratio > MAX_RATIO + 0.005:
            return [
                _(
                    "Instagram accepts images from portrait 4:5 to landscape 1.91:1; this one "
                    "is %(width)s×%(height)s."
                )
                % {"width": image.width, "height": image.height}
            ]
        return []

    @classmethod
    def retry_fields(cls, delivery) -> dict:
        """A container that ended in ERROR, expired or never finished cannot be published:
        an editor's retry starts from a new one."""
        fields = {"ig_polls": 0}
        if delivery.ig_container_state not in USABLE_STATES:
            fields.update(ig_container_id="", ig_container_state="")
        return fields


def hashtag_count(text: str) -> int:
    return len(_HASHTAG.findall(text))


def _before(timestamp, since) -> bool:
    """Instagram's ``2026-12-01T08:00:00+0000`` is older than ``since``; unreadable: no."""
    if not isinstance(timestamp, str):
        return False
    try:
        when = datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return False
    return when < since
