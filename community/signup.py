"""Sign-up that takes as long for a registered address as for a new one (UU PDP: no oracle).

allauth answers a sign-up with an address that already has an account exactly as a new one
(it e-mails the owner instead), but only a new account hashes the password: the hash is most
of the time a sign-up takes, so the answer's timing told who is registered. allauth builds its
sign-up forms on ``ACCOUNT_SIGNUP_FORM_CLASS``; this one hashes the password once on the
registered-address path too, with the same hasher, and throws the hash away.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.hashers import make_password


class EvenSignupForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        if getattr(self, "account_already_exists", False):
            password = cleaned_data.get("password") or cleaned_data.get("password1")
            make_password(password or None)
        return cleaned_data

    def signup(self, request, user) -> None:
        """Nothing more to save: the profile comes with the account (``community.signals``)."""
