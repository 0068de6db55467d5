"""The e-library demo: generated open e-books (valid EPUB and PDF), a licensed title with 2
concurrent copies; loading it again changes nothing."""

import io

import pytest
from pypdf import PdfReader

from cms.elibrary import demo, services, validation
from cms.elibrary.models import Access, DigitalEdition

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(
        DigitalEdition.objects.values_list("book__control_number", "format", "access", "sha256")
    )


def test_demo_ebooks_are_valid_and_loading_again_changes_nothing(make_member):
    demo.load()
    first = snapshot()
    open_editions = DigitalEdition.objects.filter(access=Access.OPEN)
    assert open_editions.count() >= 4
    for edition in DigitalEdition.objects.all():
        with edition.file.open("rb") as handle:
            data = handle.read()
        assert validation.detect_format(io.BytesIO(data)) == edition.format
        if edition.format == "pdf":
            assert PdfReader(io.BytesIO(data)).pages
    [licensed] = DigitalEdition.objects.filter(access=Access.LICENSED)
    assert licensed.licensed_copies == 2
    services.borrow(make_member(), licensed.pk)
    services.borrow(make_member(), licensed.pk)
    assert services.licences_in_use(licensed.pk) == 2
    demo.load()
    assert snapshot() == first
