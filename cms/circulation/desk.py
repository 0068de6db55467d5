"""The circulation desk in the Wagtail admin: check out, check in, renew, hold shelf, overdue.

Built for a barcode scanner: a scanner types the barcode and presses Enter, so the barcode field
takes the focus and Enter submits; after a check-out the member's card stays filled in for the
next copy. Every view needs the desk permission (``circulation.run_desk``) the "Circulation"
group grants; anyone else is refused. The rules are ``services``'s, as for GraphQL.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from cms.circulation import members, services
from cms.circulation.models import Loan, Location
from portal.refusals import Refused
from portal.text import one_line

desk_only = permission_required(services.DESK_PERMISSION)
CARD_KEY = "circulation_desk_card"
LOCATION_KEY = "circulation_desk_location"


class CheckOutForm(forms.Form):
    card_number = forms.CharField(label=gettext_lazy("Library card"), max_length=40)
    barcode = forms.CharField(
        label=gettext_lazy("Copy barcode"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class BarcodeForm(forms.Form):
    barcode = forms.CharField(
        label=gettext_lazy("Copy barcode"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class CheckInForm(BarcodeForm):
    location = forms.ModelChoiceField(
        label=gettext_lazy("This desk is at"),
        queryset=Location.objects.all(),
        required=False,
        empty_label=gettext_lazy("the copy's own location"),
    )


def _clean(value) -> str:
    return one_line(value or "").strip()


@desk_only
def desk(request):
    """The desk's page: the three forms, and what the last scan did."""
    card = request.session.get(CARD_KEY, "")
    member = members.member_by_card(card) if card else None
    loans = (
        Loan.objects.filter(user=member, returned_at__isnull=True).select_related("book", "copy")
        if member
        else []
    )
    forms_by_focus = {
        "out": CheckOutForm(initial={"card_number": card}),
        "in": CheckInForm(
            initial={"location": request.session.get(LOCATION_KEY)}, auto_id="id_in_%s"
        ),
        "renew": BarcodeForm(auto_id="id_renew_%s"),
    }
    # The scanner types into the focused field: the barcode of the form used last.
    focused = forms_by_focus.get(request.GET.get("focus"), forms_by_focus["out"])
    focused.fields["barcode"].widget.attrs["autofocus"] = True
    context = {
        "check_out": forms_by_focus["out"],
        "check_in": forms_by_focus["in"],
        "renew": forms_by_focus["renew"],
        "member": member,
        "member_name": _member_name(member) if member else "",
        "blocks": services.blocks_of(member) if member else [],
        "loans": loans,
    }
    return TemplateResponse(request, "circulation/desk.html", context)


@require_POST
@desk_only
def check_out(request):
    form = CheckOutForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scan the library card and the copy's barcode."))
        return redirect("circulation_desk")
    card = members.normalise_card_number(_clean(form.cleaned_data["card_number"]))
    request.session[CARD_KEY] = card
    member = members.member_by_card(card)
    if member is None:
        messages.error(request, _("No member has the library card %(card)s.") % {"card": card})
        return redirect("circulation_desk")
    try:
        loan = services.check_out(member, _clean(form.cleaned_data["barcode"]))
    except Refused as refused:
        messages.error(request, _("Not lent: %(reason)s") % {"reason": refused.message})
    else:
        messages.success(
            request,
            _("Lent “%(title)s” (%(barcode)s) until %(due)s.")
            % {"title": loan.book.title, "barcode": loan.copy.barcode, "due": loan.due_date},
        )
    return redirect("circulation_desk")


@require_POST
@desk_only
def check_in(request):
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scan the copy's barcode."))
        return redirect(_desk_url("in"))
    location = form.cleaned_data.get("location")
    request.session[LOCATION_KEY] = location.pk if location else None
    try:
        result = services.check_in(
            _clean(form.cleaned_data["barcode"]), location.pk if location else None
        )
    except Refused as refused:
        messages.error(request, refused.message)
        return redirect(_desk_url("in"))
    hold = result.hold
    title = result.copy.book.title
    if result.to_hold_shelf:
        messages.warning(
            request,
            _(
                "Put “%(title)s” (%(barcode)s) on the HOLD SHELF for %(member)s (card %(card)s), "
                "to pick up by %(deadline)s. The member has been told."
            )
            % {
                "title": title,
                "barcode": result.copy.barcode,
                "member": _member_name(hold.user),
                "card": members.card_number_of(hold.user) or "—",
                "deadline": hold.pickup_deadline,
            },
        )
    elif hold is not None:
        messages.warning(
            request,
            _("Send “%(title)s” (%(barcode)s) to %(location)s: a member picks it up there.")
            % {"title": title, "barcode": result.copy.barcode, "location": hold.pickup_location},
        )
    else:
        messages.success(
            request,
            _("“%(title)s” (%(barcode)s) is back: return it to the shelf.")
            % {"title": title, "barcode": result.copy.barcode},
        )
    for note in result.notes:
        messages.info(request, note)
    return redirect(_desk_url("in"))


@require_POST
@desk_only
def renew(request):
    form = BarcodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scan the copy's barcode."))
        return redirect(_desk_url("renew"))
    barcode = _clean(form.cleaned_data["barcode"])
    loan = (
        Loan.objects.filter(copy__barcode__iexact=barcode, returned_at__isnull=True)
        .select_related("user", "book")
        .first()
    )
    if loan is None or loan.user is None:
        messages.error(request, _("This copy is not on loan."))
        return redirect(_desk_url("renew"))
    try:
        loan = services.renew_loan(loan.user, loan.pk)
    except Refused as refused:
        messages.error(request, _("Not renewed: %(reason)s") % {"reason": refused.message})
    else:
        messages.success(
            request,
            _("Renewed “%(title)s” until %(due)s.")
            % {"title": loan.book.title, "due": loan.due_date},
        )
    return redirect(_desk_url("renew"))


@require_POST
@desk_only
def forget_card(request):
    request.session.pop(CARD_KEY, None)
    return redirect("circulation_desk")


@desk_only
def hold_shelf(request):
    context = {
        "to_pull": list(services.holds_to_pull()[:200]),
        "on_shelf": list(services.holds_on_shelf()[:200]),
        "expired": list(services.holds_expired_recently()[:200]),
    }
    return TemplateResponse(request, "circulation/hold_shelf.html", context)


@desk_only
def overdue(request):
    return TemplateResponse(
        request, "circulation/overdue.html", {"loans": list(services.overdue_loans()[:500])}
    )


def _desk_url(focus: str) -> str:
    return f"{reverse('circulation_desk')}?focus={focus}"


def _member_name(user) -> str:
    profile = getattr(user, "member_profile", None)
    return getattr(profile, "display_name", "") or user.get_username()
