"""Ask a librarian: conversations (live chats and tickets), their messages, librarians' presence
and canned answers.

A conversation is a CHAT when a librarian was on duty as it was opened (WAITING in the queue →
ACTIVE once claimed → CLOSED), otherwise a TICKET, a question answered by e-mail (OPEN →
ANSWERED when a librarian replies → OPEN again when the asker replies → CLOSED). The asker is a
member or a guest (a name, optionally an e-mail); a guest proves ownership with the token given
once at creation, of which only a SHA-256 hash is kept. Nothing about the asker's device or
address is stored: no IP address, no user agent.

Messages are numbered per conversation (``seq`` 1, 2, 3…): the number is the cursor clients
resume from. Read state is one number per side on the conversation.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Kind(models.TextChoices):
    CHAT = "CHAT", _("Live chat")
    TICKET = "TICKET", _("Question by e-mail")


class Status(models.TextChoices):
    WAITING = "WAITING", _("Waiting for a librarian")  # chat in the queue
    ACTIVE = "ACTIVE", _("In progress")  # chat claimed by a librarian
    OPEN = "OPEN", _("Open")  # ticket waiting for a librarian's answer
    ANSWERED = "ANSWERED", _("Answered")  # ticket answered, waiting for the asker
    CLOSED = "CLOSED", _("Closed")


NOT_CLOSED = (Status.WAITING, Status.ACTIVE, Status.OPEN, Status.ANSWERED)


class Topic(models.TextChoices):
    GENERAL = "GENERAL", _("General question")
    FIND_BOOK = "FIND_BOOK", _("Finding a book or resource")
    ACCOUNT = "ACCOUNT", _("Membership, loans and holds")
    RESEARCH = "RESEARCH", _("Research help")
    LOCAL_HISTORY = "LOCAL_HISTORY", _("Local history of North Maluku")
    ELIBRARY = "ELIBRARY", _("E-books and digital services")
    PROGRAMS = "PROGRAMS", _("Programs and spaces")


class Role(models.TextChoices):
    ASKER = "ASKER", _("Asker")
    LIBRARIAN = "LIBRARIAN", _("Librarian")
    SYSTEM = "SYSTEM", _("System")


class LinkKind(models.TextChoices):
    BOOK = "BOOK", _("Catalog record")
    PAGE = "PAGE", _("Page")


class Conversation(models.Model):
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    topic = models.CharField(
        _("topic"), max_length=16, choices=Topic.choices, default=Topic.GENERAL
    )
    language = models.CharField(_("language"), max_length=8, default="id")
    question = models.TextField(_("question"))

    # The asker: a member, or a guest known by the name (and e-mail) they typed.
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reference_conversations",
    )
    guest_name = models.CharField(_("guest's name"), max_length=80, blank=True)
    guest_email = models.EmailField(_("guest's e-mail"), blank=True)
    token_hash = models.CharField(max_length=64, blank=True, editable=False)

    # What it is about (optional): a catalog record or a page.
    book = models.ForeignKey(
        "cms.Book", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    librarian = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("librarian"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reference_assignments",
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True, db_index=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True, db_index=True)

    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_comment = models.TextField(_("rating comment"), blank=True)
    transcript_requested = models.BooleanField(_("transcript requested"), default=False)
    transcript_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The last message's number, and what each side has read up to.
    last_seq = models.PositiveIntegerField(default=0, editable=False)
    asker_read_seq = models.PositiveIntegerField(default=0, editable=False)
    librarian_read_seq = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-created_at", "-pk"]
        permissions = [("answer_questions", _("Can answer questions (ask a librarian)"))]
        indexes = [models.Index(fields=["status", "kind", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="reference_rating_1_to_5",
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.question[:60]}"

    @property
    def asker_name(self) -> str:
        if self.asker_id is not None:
            user = self.asker
            return (user.first_name or user.get_username()).strip()
        return self.guest_name

    @property
    def librarian_name(self) -> str:
        user = self.librarian
        return (user.first_name or user.get_username()).strip() if user is not None else ""

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    # --- UU PDP: the member's conversations are exported and erased with the account ----------

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        conversations = cls.objects.filter(asker=user).prefetch_related("messages")
        return [
            {
                "kind": conversation.kind,
                "status": conversation.status,
                "topic": conversation.topic,
                "language": conversation.language,
                "question": conversation.question,
                "opened_at": conversation.created_at,
                "closed_at": conversation.closed_at,
                "rating": conversation.rating,
                "rating_comment": conversation.rating_comment,
                "messages": [
                    {"role": message.role, "body": message.body, "sent_at": message.created_at}
                    for message in sorted(conversation.messages.all(), key=lambda m: m.seq)
                ],
            }
            for conversation in conversations.order_by("pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool = False) -> None:
        # Conversations are private: nothing of them stays, whatever ``anonymise`` says.
        cls.objects.filter(asker=user).delete()


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    seq = models.PositiveIntegerField(_("number"))
    role = models.CharField(_("from"), max_length=10, choices=Role.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("message"), blank=True)
    # Typed references to what a librarian attached: [{"kind": "BOOK"|"PAGE", "id": 42}, …].
    links = models.JSONField(_("links"), default=list, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="reference_message_seq")
        ]

    def __str__(self):
        return f"{self.conversation_id}/{self.seq}"

    @property
    def author_name(self) -> str:
        user = self.author
        return (user.first_name or user.get_username()).strip() if user is not None else ""


class LibrarianPresence(models.Model):
    """Whether a librarian is on duty at the reference desk (switched in the console)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reference_presence"
    )
    on_duty = models.BooleanField(_("on duty"), default=False)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True, db_index=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("librarian presence")
        verbose_name_plural = _("librarian presence")

    def __str__(self):
        return f"{self.user} ({'on' if self.on_duty else 'off'})"


class CannedAnswer(index.Indexed, models.Model):
    """A ready answer librarians insert in a chat or a ticket reply (a Wagtail snippet)."""

    title = models.CharField(_("title"), max_length=120)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="id"
    )
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices, blank=True)
    body = models.TextField(_("text"), max_length=4000)

    panels = [
        FieldPanel("title"),
        FieldPanel("language"),
        FieldPanel("topic"),
        FieldPanel("body"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("body")]

    class Meta:
        verbose_name = _("canned answer")
        verbose_name_plural = _("canned answers")
        ordering = ["language", "title"]

    def __str__(self):
        return f"{self.title} ({self.language})"
