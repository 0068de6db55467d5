"""Open research data: datasets as Wagtail pages, their files, DCAT and OAI-PMH exports."""
