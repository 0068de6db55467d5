from django.db import models


class RelayMessage(models.Model):
    """A message in a room: what a chat stores before it is delivered, read again by cursor."""

    room = models.CharField(max_length=40)
    author_name = models.CharField(max_length=150, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["room", "id"])]

    def __str__(self):
        return f"{self.room}#{self.pk}"
