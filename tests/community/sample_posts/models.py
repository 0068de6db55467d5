from django.db import models

from community.models import MemberContent


class SamplePost(MemberContent):
    """A post with a body; its export and deletion are MemberContent's defaults."""

    body = models.TextField()
