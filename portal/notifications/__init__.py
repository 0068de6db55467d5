"""Notices to members: stored (``myNotifications``), sent on channels (e-mail now; WhatsApp or
SMS later), each kind with per-member preferences, each sent once.

An app that tells members something registers its kinds (``kinds.register``) and calls
``services.notify(user, kind, key=…, context=…)``. ``key`` makes the call idempotent: a periodic
task that runs twice, or a worker restarted mid-run, creates one notice. Texts are rendered by
the kind in the member's language when the notice is created, stored, and delivered by the
worker through every channel the member has not switched off for that kind.
"""
