"""The channel form: secrets are typed in, never shown back; empty keeps the stored one."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from social_sync.crypto import mask
from social_sync.models import SECRET_FIELDS


class ChannelForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._was_paused = bool(self.instance.pk and self.instance.paused)
        for name in SECRET_FIELDS:
            if name not in self.fields:
                continue
            field = self.fields[name]
            stored = getattr(self.instance, name, "") if self.instance.pk else ""
            self.fields[name] = forms.CharField(
                label=field.label,
                required=False,
                strip=True,
                widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
                help_text=(
                    _("Stored: %(masked)s. Leave empty to keep it.") % {"masked": mask(stored)}
                    if stored
                    else field.help_text
                ),
            )
            self.initial[name] = ""

    def _clean_fields(self):
        super()._clean_fields()
        for name in SECRET_FIELDS:
            if name in self.cleaned_data and not self.cleaned_data[name] and self.instance.pk:
                # Empty means "keep": the stored value goes back into the instance.
                self.cleaned_data[name] = (
                    type(self.instance).objects.get(pk=self.instance.pk).__dict__[name]
                )

    def save(self, commit=True):
        channel = super().save(commit=False)
        resumed = self._was_paused and not channel.paused
        if resumed:
            channel.paused_reason = ""
            channel.blocked_until = None
        if commit:
            channel.save()
            self.save_m2m()
        if resumed:
            from social_sync.tasks import sweep_deliveries

            transaction.on_commit(lambda: sweep_deliveries.call_local())
        return channel
