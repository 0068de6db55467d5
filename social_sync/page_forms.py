"""Checks of a shareable page's edit form against the ticked channels (a cms hook, see
cms/models/sharing.py)."""

from django.utils.translation import gettext as _


def check_share_form(form, cleaned_data) -> None:
    """A network may need an image of an accepted ratio (Instagram); the page model's clean()
    cannot know the ticked channels yet (they are assigned after validation), the form can."""
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
        form.add_error("share_image", problem)
    if cleaned_data.get("share_again") and not channels:
        form.add_error("share_again", _("Tick at least one channel to share again."))
