"""The edit form of shareable pages: checks the share settings against the ticked channels."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class SocialSharePageForm(WagtailAdminPageForm):
    """A network may need an image of an accepted ratio (Instagram); the page model's clean()
    cannot know the ticked channels yet (they are assigned after validation), the form can."""

    def clean(self):
        cleaned_data = super().clean()
        from social_sync.adapters import adapter_class

        channels = cleaned_data.get("share_channels") or []
        image = cleaned_data.get("share_image")
        problems = []
        for network in sorted({channel.network for channel in channels}):
            problems += [
                problem
                for problem in adapter_class(network).image_problems(image)
                if problem not in problems
            ]
        for problem in problems:
            self.add_error("share_image", problem)
        if cleaned_data.get("share_again") and not channels:
            self.add_error("share_again", _("Tick at least one channel to share again."))
        return cleaned_data
