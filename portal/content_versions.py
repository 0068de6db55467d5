"""Content versions: one opaque value per *topic* (an app's data), changed after every write.

A topic is the label of the app whose data changed (``cms``, ``circulation``, ``events``,
``community``, ``social_sync``…); the models of the libraries an app shows count as that app's
(Wagtail's pages, images and documents as ``cms``; comments as ``community``). Every model save,
delete or many-to-many change replaces its topic's version after the transaction commits, from
whichever process; a write that sends no signal (``QuerySet.update``, ``bulk_create``, raw SQL)
calls :func:`changed` itself. The catalog's tables also have a version kept by database triggers
(``cms.search_cache``), which the ``cms`` topic includes, so a catalog import needs no call.

What remembers a value computed from some topics stores their versions with it and uses it only
while they are unchanged (the GraphQL response cache, ``portal/api/response_cache.py``).
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger("pustaka.cache")

KEY = "content-version:"
_warned = False

# Libraries' apps whose data an app of ours shows, as that app's topic.
ALIASES = {
    "wagtailcore": "cms",
    "wagtailimages": "cms",
    "wagtaildocs": "cms",
    "wagtailredirects": "cms",
    "wagtailsettings": "cms",
    "taggit": "cms",
    "sites": "cms",
    "django_comments": "community",
    "django_comments_xtd": "community",
}
# Models whose writes change nothing a response shows: drafts, logs, sessions, renditions made
# while reading, and bookkeeping of the libraries.
IGNORED_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.referenceindex",
    "wagtailimages.rendition",
    "auth.user",  # last_login on every sign-in; what members show lives in community's models
}
IGNORED_APPS = {
    "admin",
    "contenttypes",
    "sessions",
    "auth",
    "wagtailadmin",
    "wagtailsearch",
    "wagtailusers",
    "account",
    "socialaccount",
    "usersessions",
    "mfa",
    "headless",
    "huey_monitor",
}


def topic_of_label(app_label: str) -> str:
    return ALIASES.get(app_label, app_label)


def topic_of_model(model) -> str | None:
    meta = model._meta
    if meta.label_lower in IGNORED_MODELS or meta.app_label in IGNORED_APPS:
        return None
    return topic_of_label(meta.app_label)


def versions(topics) -> dict[str, str]:
    """The current version of each topic (a topic never written yet has ``""``)."""
    topics = sorted(topics)
    found = cache.get_many([KEY + topic for topic in topics]) if topics else {}
    result = {topic: found.get(KEY + topic, "") for topic in topics}
    if "cms" in result:
        from cms.search_cache import catalog_version  # noqa: PLC0415 - cms imports portal

        result["cms"] = f"{result['cms']}/{catalog_version()}"
    return result


def changed(*topics: str) -> None:
    """Give these topics new versions once the current transaction commits (now outside one)."""
    topics = {topic for topic in topics if topic}
    if not topics:
        return

    def bump():
        value = uuid.uuid4().hex
        try:
            cache.set_many({KEY + topic: value for topic in topics}, timeout=None)
            for listener in _listeners:
                listener(topics)
        except Exception:  # the cache is down, or not created yet (migrations run)
            # A write must not fail for this; what is remembered expires on its own.
            global _warned  # noqa: PLW0603 - once per process, not once per write
            if not _warned:
                _warned = True
                logger.warning("content versions not changed: the cache is unavailable")

    transaction.on_commit(bump)


_listeners: list = []


def subscribe(listener) -> None:
    """Call ``listener(topics)`` after topics got new versions (after the commit)."""
    if listener not in _listeners:
        _listeners.append(listener)


def _model_written(sender, **kwargs):
    if kwargs.get("raw"):
        return  # fixtures being loaded
    topic = topic_of_model(sender)
    if topic:
        changed(topic)


def _m2m_written(sender, action=None, instance=None, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and instance is not None:
        changed(topic_of_model(type(instance)) or "", topic_of_model(kwargs["model"]) or "")


def connect() -> None:
    post_save.connect(_model_written, dispatch_uid="content-versions-save")
    post_delete.connect(_model_written, dispatch_uid="content-versions-delete")
    m2m_changed.connect(_m2m_written, dispatch_uid="content-versions-m2m")
