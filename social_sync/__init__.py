"""Cross-posting published content to the library's Facebook Page, Instagram and X accounts."""
