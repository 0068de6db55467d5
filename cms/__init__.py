"""Editor-managed content in Wagtail: pages, blocks, images, documents, settings, the catalog."""
