"""Pages read from the database skip the constructors meant for new pages (``LoadedPageMixin``):
what they build must be what the full constructors build, for every page type."""

import pytest
from django.db import models
from wagtail.models import get_page_models

from cms.models.loading import LoadedPageMixin

PAGE_MODELS = [model for model in get_page_models() if issubclass(model, LoadedPageMixin)]


def row_of(model, page_id=4242):
    """The values a database row of ``model`` holds, in the order ``from_db`` is given them."""
    page = model(title="Uji", slug="uji", depth=3, path="000100010001")
    names, values = [], []
    for field in model._meta.concrete_fields:
        names.append(field.attname)
        value = getattr(page, field.attname)
        if field.primary_key or field.attname == "id":
            value = page_id
        values.append(value)
    return names, values


def state(page):
    return {name: value for name, value in page.__dict__.items() if name != "_state"}


def test_every_page_type_of_the_product_loads_quickly():
    names = {model.__name__ for model in PAGE_MODELS}
    assert {"HomePage", "NewsPage", "ProgramPage", "StandardPage", "DatasetPage"} <= names


@pytest.mark.django_db  # a new page looks up its content type
@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_a_loaded_page_equals_one_built_by_every_constructor(model):
    names, values = row_of(model)
    full = models.Model.from_db.__func__(model, "default", names, values)  # cls(*values)
    quick = model.from_db("default", names, values)
    assert type(quick) is model
    assert state(quick) == state(full)
    assert (quick._state.adding, quick._state.db) == (full._state.adding, full._state.db)
    assert quick._state.adding is False and quick._state.db == "default"


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_a_page_loaded_with_deferred_fields_equals_the_full_constructors(model):
    names, values = row_of(model)
    kept = [
        (name, value)
        for name, value in zip(names, values, strict=True)
        if name in {"id", "title", "path"}
    ]
    kept_names = [name for name, _value in kept]
    kept_values = [value for _name, value in kept]
    full = models.Model.from_db.__func__(model, "default", kept_names, kept_values)
    quick = model.from_db("default", kept_names, kept_values)
    assert state(quick) == state(full)
    assert quick.get_deferred_fields() == full.get_deferred_fields()
    assert "slug" in quick.get_deferred_fields()


@pytest.mark.django_db
def test_pages_read_by_a_query_are_usable_pages(demo_site):
    from wagtail.models import Page

    from cms.models import HomePage

    page = HomePage.objects.get(pk=demo_site["id"].pk)
    assert page.content_type.model_class() is HomePage
    assert Page.objects.filter(pk=page.pk).specific().get() == page
    # A loaded page saves as an update, not as a new row.
    count = Page.objects.count()
    page.title = page.title + " (diperbarui)"
    page.save_revision().publish()
    assert Page.objects.count() == count
    assert HomePage.objects.get(pk=page.pk).title.endswith("(diperbarui)")
