"""Editors cannot break the page tree or save an incoherent program, in the Wagtail admin."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms import models
from tests.cms import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(make_member):
    client = Client()
    client.force_login(make_member(is_staff=True, is_superuser=True))
    return client


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )


def test_a_news_item_can_be_added_only_under_the_news_index(admin_client, home):
    index = builders.news_index(home)
    assert admin_client.get(add_url(models.NewsPage, index)).status_code == 200
    standard = builders.standard(home, "tentang")
    for wrong_parent in (home, standard):
        # Wagtail refuses with a message and sends the editor back to the dashboard.
        response = admin_client.get(add_url(models.NewsPage, wrong_parent))
        assert (response.status_code, response.url) == (302, "/admin/")


def test_the_tree_rules_of_every_page_type(home):
    news = builders.news_index(home)
    programs = builders.program_index(home)
    lists = builders.recommendation_index(home)
    about = builders.standard(home, "tentang")
    from cms.datasets.models import DatasetIndexPage

    assert set(home.specific.allowed_subpage_models()) == {
        models.NewsIndexPage,
        models.RecommendationIndexPage,
        models.ProgramIndexPage,
        models.StandardPage,
        DatasetIndexPage,  # the research-data section (cms/datasets)
    }
    # One section of each kind per home page.
    assert not models.NewsIndexPage.can_create_at(home)
    assert models.NewsPage.can_create_at(news) and not models.NewsPage.can_create_at(programs)
    assert models.ProgramPage.can_create_at(programs) and not models.ProgramPage.can_create_at(news)
    assert models.RecommendationPage.can_create_at(lists)
    assert models.StandardPage.can_create_at(about)
    assert not models.StandardPage.can_create_at(news)
    leaf = builders.news(news, 1)
    assert leaf.specific.allowed_subpage_models() == []


def test_a_program_needs_a_venue_on_site_and_a_platform_online(home):
    index = builders.program_index(home)
    page = builders.program(index)
    page.format = models.ProgramFormat.HYBRID
    page.online_platform = ""
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "online_platform" in error.value.message_dict
    page.format = models.ProgramFormat.ON_SITE
    page.venue = ""
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "venue" in error.value.message_dict


def test_a_session_must_end_after_it_starts():
    start = timezone.now()
    session = models.ProgramSession(start=start, end=start - dt.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert "end" in error.value.message_dict


def test_registration_closes_at_the_deadline(gql, home):
    index = builders.program_index(home)
    builders.program(
        index,
        "klub-buku",
        registration_open=True,
        registration_deadline=timezone.now() - dt.timedelta(minutes=1),
    )
    builders.program(index, "webinar-literasi", registration_open=True)
    query = """
    query { pages(type: PROGRAM, orderBy: TITLE) { edges { node {
      title ... on ProgramPage { registrationOpen registrationDeadline } } } } }
    """
    edges = gql.execute(query)["data"]["pages"]["edges"]
    assert [(e["node"]["title"], e["node"]["registrationOpen"]) for e in edges] == [
        ("Klub Buku", False),
        ("Webinar Literasi", True),
    ]
