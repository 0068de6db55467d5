"""Batched lookups of what dataset pages refer to: one query per relation for a whole list."""

from cms.api.loaders import RowsByPageLoader
from cms.datasets.models import (
    DatasetCreator,
    DatasetKeyword,
    DatasetPage,
    DatasetRelatedBook,
    Distribution,
)


class CreatorsLoader(RowsByPageLoader):
    def rows(self, page_ids):
        creators = DatasetCreator.objects.filter(page_id__in=page_ids).order_by("sort_order", "pk")
        return [(creator.page_id, creator) for creator in creators]


class DistributionsLoader(RowsByPageLoader):
    def rows(self, page_ids):
        found = (
            Distribution.objects.filter(page_id__in=page_ids)
            .defer("preview")  # the preview is read by the detail only
            .order_by("sort_order", "pk")
        )
        return [(distribution.page_id, distribution) for distribution in found]


class PreviewLoader(RowsByPageLoader):
    """Previews by distribution id (one query, only when a preview is selected)."""

    def rows(self, ids):
        return Distribution.objects.filter(pk__in=ids).values_list("pk", "preview")


class ThemesLoader(RowsByPageLoader):
    def rows(self, page_ids):
        links = DatasetPage.themes.through.objects.filter(datasetpage_id__in=page_ids)
        return [
            (link.datasetpage_id, link.theme)
            for link in links.select_related("theme").order_by("theme__code")
        ]


class KeywordsLoader(RowsByPageLoader):
    def rows(self, page_ids):
        return (
            DatasetKeyword.objects.filter(content_object_id__in=page_ids)
            .order_by("tag__name")
            .values_list("content_object_id", "tag__name")
        )


class RelatedBooksLoader(RowsByPageLoader):
    def rows(self, page_ids):
        links = DatasetRelatedBook.objects.filter(page_id__in=page_ids).order_by("sort_order", "pk")
        return [(link.page_id, link.book) for link in links.select_related("book")]
