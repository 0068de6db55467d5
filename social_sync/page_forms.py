"""Checks of a shareable page's edit form against the ticked channels (a cms hook, see
cms/models/sharing.py)."""

from django.utils.translation import gettext as _


def check_share_form(form, cleaned_data) -> None:
    """Instagram needs an image of an accepted ratio; the page model's clean() cannot know the
    ticked channels yet (they are assigned after validation), the form can."""
    from social_sync.models import Network
    from social_sync.rendering import instagram_image_problems

    channels = cleaned_data.get("share_channels") or []
    if any(channel.network == Network.INSTAGRAM for channel in channels):
        for problem in instagram_image_problems(cleaned_data.get("share_image")):
            form.add_error("share_image", problem)
    if cleaned_data.get("share_again") and not channels:
        form.add_error("share_again", _("Tick at least one channel to share again."))
