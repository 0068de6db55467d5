"""Reading pages from the database without the constructors meant for new pages."""

from django.db import models
from django.db.models import DEFERRED


class LoadedPageMixin:
    """Builds a page read from the database with Django's constructor alone (``from_db``, the
    hook Django documents for this).

    Wagtail's ``Page.__init__`` and modelcluster's ``ClusterableModel.__init__`` only deal with
    what a *new* page is given: a new page's content type and menu default, child rows passed as
    keyword arguments. A row read from the database has an id and comes as positional values, so
    both do nothing for it, but modelcluster first walks every field of the model to find the
    child relations, for each instance: a fifth of the cost of a twenty-item listing. Django's
    own constructor, with its ``pre_init`` / ``post_init`` signals, still runs.
    ``tests/cms/test_page_loading.py`` checks that a page loaded this way equals one built by
    the full constructors, for every page type, so an upgrade that gives those constructors
    work for loaded rows fails there.
    """

    @classmethod
    def from_db(cls, db, field_names, values):
        fields = cls._meta.concrete_fields
        if len(values) != len(fields):
            given = iter(values)
            values = [next(given) if f.attname in field_names else DEFERRED for f in fields]
        page = cls.__new__(cls)
        models.Model.__init__(page, *values)
        page._state.adding = False
        page._state.db = db
        return page
