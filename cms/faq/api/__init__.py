"""The knowledge base's GraphQL layer: ``FaqEntry`` (also a `search` result) and the root
fields ``faqEntries``, ``faqEntry`` and ``faqSuggestions``."""

from cms.faq.api.queries import FaqQueries
from cms.faq.api.types import FaqEntry

__all__ = ["FaqEntry", "FaqQueries"]
