"""Demo content of Perpustakaan Kota Ternate, built from each app's own demo loader.

Every step looks before it creates, so running it again changes nothing.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model

from cms import demo as cms_demo
from cms.circulation import demo as circulation_demo
from cms.datasets import demo as datasets_demo
from cms.demo import catalog as demo_catalog
from cms.demo import library_settings as cms_demo_settings
from cms.elibrary import demo as elibrary_demo
from cms.faq import demo as faq_demo
from community.consultations import demo as demo_consultations
from community.demo import accounts as demo_accounts
from community.demo import discussions as demo_discussions
from community.demo import reviews as demo_reviews
from community.events import demo as demo_events
from community.reference import demo as demo_reference

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@perpustakaan-ternate.example"


def ensure_admin(password: str) -> tuple[object, bool]:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={
            "email": ADMIN_EMAIL,
            "first_name": "Admin",
            "last_name": "Perpustakaan",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=ADMIN_EMAIL, defaults={"verified": True, "primary": True}
        )
    return user, created


def load(admin_password: str) -> list[str]:
    report = []
    _admin, created = ensure_admin(admin_password)
    report.append(f"admin account: {'created' if created else 'kept'}")
    report.extend(demo_catalog.load())
    report.extend(cms_demo.load())
    report.extend(cms_demo.load_pages())
    # Demo members share a documented password, except in production, where they get the
    # admin's (DEMO_ADMIN_PASSWORD), which only the operator knows.
    member_password = admin_password if settings.PRODUCTION else demo_accounts.DEMO_MEMBER_PASSWORD
    report.extend(demo_accounts.load(member_password))
    report.extend(demo_discussions.load())
    report.extend(demo_reviews.load())
    # Copies of the demo catalog, lent to and held by the demo members.
    report.extend(circulation_demo.load(member_password))
    # Open e-books (files generated on the spot) and a licensed title with 2 copies.
    report.extend(elibrary_demo.load())
    report.extend(demo_events.load())
    # Ask a librarian: a reference librarian on duty, answered tickets, a closed chat.
    report.extend(demo_reference.load(member_password))
    report.extend(datasets_demo.load())
    report.extend(faq_demo.load())
    report.extend(demo_consultations.load(member_password))
    # Last: menus link to the pages the loaders above created.
    report.append(cms_demo_settings.load())
    return report
