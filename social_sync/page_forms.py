"""The edit form of shareable pages: checks the share settings against the ticked channels."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class SocialSharePageForm(WagtailAdminPageForm):
    """Instagram needs an image of an accepted ratio; the page model's clean() cannot know the
    ticked channels yet (they are assigned after validation), the form can."""

    def clean(self):
        cleaned_data = super().clean()
        from social_sync.models import Network
        from social_sync.rendering import instagram_image_problems

        channels = cleaned_data.get("share_channels") or []
        if any(channel.network == Network.INSTAGRAM for channel in channels):
            for problem in instagram_image_problems(cleaned_data.get("share_image")):
                self.add_error("share_image", problem)
        if cleaned_data.get("share_again") and not channels:
            self.add_error("share_again", _("Tick at least one channel to share again."))
        return cleaned_data
