"""Circulation: copies of titles, where they are, who may borrow, holds, loans and the desk."""
