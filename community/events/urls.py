"""Addresses the programs app serves outside GraphQL: calendar feeds (and certificates)."""

from django.urls import path

from community.events import views

urlpatterns = [
    path("kalender.ics", views.programs_calendar, name="events-calendar"),
    path("kalender/<str:token>.ics", views.member_calendar, name="events-member-calendar"),
    path("sertifikat/<str:code>.pdf", views.certificate_pdf, name="events-certificate"),
]
