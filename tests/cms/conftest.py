"""Fixtures of the cms page tests."""

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home(demo_site):
    return demo_site["id"]


@pytest.fixture
def home_en(demo_site):
    return demo_site["en"]
