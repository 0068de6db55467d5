"""The knowledge base of "ask a librarian": public FAQ entries, edited by librarians in Wagtail.

See ``models.FaqEntry`` and ``services.faq_from_answer`` (the reference console's way in)."""
