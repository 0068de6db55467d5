"""Reviews and ratings of books, helpful votes, each book's rating totals, recommendations."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from community.models.members import MemberContent

__all__ = ["BookRating", "MemberRecommendation", "Review", "ReviewVote"]


def _post_export(post, **fields) -> dict:
    return {
        "id": post.pk,
        "status": post.status,
        "created_at": post.created_at.isoformat(),
        "updated_at": post.updated_at.isoformat(),
        **fields,
    }


class Review(MemberContent):
    """A member's review of one book: a rating from 1 to 5 and a plain-text opinion.

    One review per member per book; the member may edit or delete it. The text is stored and
    returned as plain text: markup in it is never interpreted.
    """

    BODY_MIN_LENGTH = 20
    BODY_MAX_LENGTH = 5000

    book = models.ForeignKey(
        "cms.Book", on_delete=models.CASCADE, related_name="reviews", verbose_name=_("book")
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("From 1 (poor) to 5 (excellent) stars."),
    )
    body = models.TextField(
        _("review"),
        max_length=BODY_MAX_LENGTH,
        help_text=_("Plain text written by the member; markup is shown as typed, never run."),
    )
    has_spoilers = models.BooleanField(
        _("contains spoilers"),
        default=False,
        help_text=_("Frontends hide the text until the reader asks to see it."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    helpful_count = models.PositiveIntegerField(
        _("helpful votes"), default=0, help_text=_("Kept by the system; do not edit.")
    )

    @classmethod
    def status_changed(cls, pks) -> None:
        for book_id in set(cls.objects.filter(pk__in=pks).values_list("book_id", flat=True)):
            BookRating.refresh(book_id)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "book"],
                condition=Q(author__isnull=False),
                name="review_one_per_member_per_book",
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"
            ),
        ]
        indexes = [
            models.Index(fields=["book", "status", "-created_at"], name="review_book_newest"),
            models.Index(fields=["author", "-created_at"], name="review_author_newest"),
        ]

    def __str__(self):
        return _("Review of %(book)s (%(rating)s★)") % {"book": self.book, "rating": self.rating}

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            _post_export(
                review,
                book_id=review.book_id,
                book_title=review.book.title,
                rating=review.rating,
                body=review.body,
                has_spoilers=review.has_spoilers,
                language=review.language,
                helpful_count=review.helpful_count,
            )
            for review in cls.objects.filter(author=user).select_related("book").order_by("pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        """Kept without author, or deleted (and the books' totals follow)."""
        reviews = cls.objects.filter(author=user)
        if anonymise:
            reviews.update(author=None)
            return
        book_ids = sorted(set(reviews.values_list("book_id", flat=True)))
        with transaction.atomic():
            for book_id in book_ids:
                BookRating.lock(book_id)
            reviews.delete()
            for book_id in book_ids:
                BookRating.recount(book_id)


class ReviewVote(models.Model):
    """A member found a review helpful: one vote per member per review, never on their own."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="votes", verbose_name=_("review")
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_votes",
        verbose_name=_("member"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("helpful vote")
        verbose_name_plural = _("helpful votes")
        constraints = [
            models.UniqueConstraint(fields=["review", "voter"], name="review_vote_once"),
        ]

    def __str__(self):
        return f"{self.voter_id} → {self.review_id}"

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            {"review_id": review_id, "created_at": created_at.isoformat()}
            for review_id, created_at in cls.objects.filter(voter=user)
            .order_by("pk")
            .values_list("review_id", "created_at")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        # Votes are private and not posts: they go either way, and the counts follow.
        with transaction.atomic():
            votes = cls.objects.filter(voter=user)
            review_ids = list(votes.values_list("review_id", flat=True))
            votes.delete()
            # A member votes once per review, so each of these loses exactly one vote.
            Review.objects.filter(pk__in=review_ids, helpful_count__gt=0).update(
                helpful_count=F("helpful_count") - 1
            )


class BookRating(models.Model):
    """A book's rating totals over its published reviews, kept by the system on every change.

    Totals stay right under concurrent writes: every review write first locks the book's row
    (``lock``: ``SELECT … FOR UPDATE`` on PostgreSQL; SQLite runs writing transactions one at a
    time), then recounts from the published reviews in the same transaction (``recount``), so
    the recount sees every review committed before it.
    """

    book = models.OneToOneField(
        "cms.Book",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating",
        verbose_name=_("book"),
    )
    rating_count = models.PositiveIntegerField(_("number of ratings"), default=0)
    rating_sum = models.PositiveIntegerField(_("sum of ratings"), default=0)
    average = models.DecimalField(_("average rating"), max_digits=3, decimal_places=2, default=0)
    stars_1 = models.PositiveIntegerField(_("1-star ratings"), default=0)
    stars_2 = models.PositiveIntegerField(_("2-star ratings"), default=0)
    stars_3 = models.PositiveIntegerField(_("3-star ratings"), default=0)
    stars_4 = models.PositiveIntegerField(_("4-star ratings"), default=0)
    stars_5 = models.PositiveIntegerField(_("5-star ratings"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("book rating")
        verbose_name_plural = _("book ratings")

    def __str__(self):
        return f"{self.book_id}: {self.average} ({self.rating_count})"

    @property
    def distribution(self) -> list[int]:
        """Counts of 1- to 5-star ratings, in that order."""
        return [self.stars_1, self.stars_2, self.stars_3, self.stars_4, self.stars_5]

    @classmethod
    def lock(cls, book_id) -> "BookRating":
        """The book's totals row, created when missing and locked until the transaction ends."""
        cls.objects.get_or_create(book_id=book_id)
        return cls.objects.select_for_update().get(book_id=book_id)

    @classmethod
    def recount(cls, book_id) -> None:
        """Recompute the totals from the published reviews; call with the row locked."""
        published = Review.objects.filter(book_id=book_id, status="published")
        totals = published.aggregate(
            count=Count("id"),
            total=Sum("rating"),
            **{f"stars_{n}": Count("id", filter=Q(rating=n)) for n in range(1, 6)},
        )
        count, total = totals.pop("count"), totals.pop("total") or 0
        average = (
            (Decimal(total) / count).quantize(Decimal("0.01"), ROUND_HALF_UP)
            if count
            else Decimal(0)
        )
        cls.objects.filter(book_id=book_id).update(
            rating_count=count, rating_sum=total, average=average, **totals
        )

    @classmethod
    @transaction.atomic
    def refresh(cls, book_id) -> None:
        """Bring a book's totals up to date, e.g. after a moderator changed a review's status."""
        cls.lock(book_id)
        cls.recount(book_id)


class MemberRecommendation(MemberContent):
    """A member recommends a book to others, saying why; shown in the community feed."""

    REASON_MIN_LENGTH = 10
    REASON_MAX_LENGTH = 1000

    book = models.ForeignKey(
        "cms.Book",
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("book"),
    )
    reason = models.TextField(
        _("reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("Why the member recommends the book; plain text, never run as markup."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "book"],
                condition=Q(author__isnull=False),
                name="recommendation_one_per_member_per_book",
            ),
        ]

    def __str__(self):
        return _("Recommendation of %(book)s") % {"book": self.book}

    @classmethod
    def export_member_data(cls, user) -> list[dict]:
        return [
            _post_export(
                item,
                book_id=item.book_id,
                book_title=item.book.title,
                reason=item.reason,
                language=item.language,
            )
            for item in cls.objects.filter(author=user).select_related("book").order_by("pk")
        ]

    @classmethod
    def delete_member_data(cls, user, anonymise: bool) -> None:
        posts = cls.objects.filter(author=user)
        if anonymise:
            posts.update(author=None)
        else:
            posts.delete()
