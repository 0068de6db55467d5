"""The e-library: digital editions of catalog titles, e-book loans and their waiting list."""
