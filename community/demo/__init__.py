"""Demo content of the community: members (``accounts``), discussions and reviews.

Each module's ``load`` looks before it creates, so loading again changes nothing;
``portal.demo`` calls them in this order after the cms's demo.
"""
