"""Catalog records librarians curate as Wagtail snippets: books, e-books and their authors."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Book"]


class Book(models.Model):
    """One title in the library's catalog (a book, journal, e-book or audiovisual item)."""

    title = models.CharField(_("title"), max_length=255)

    class Meta:
        verbose_name = _("book")
        verbose_name_plural = _("books")

    def __str__(self):
        return self.title
