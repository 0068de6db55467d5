"""Root fields of the dataset repository: the list with filters, its facets, one dataset."""

import graphene
from django.utils.translation import gettext as _

from cms.datasets.api.types import DatasetPage, LicenseEnum
from cms.datasets.models import Theme
from cms.datasets.services import facets, filter_datasets, visible_datasets
from cms.datasets.vocabulary import FORMAT_NAMES
from portal.api.errors import ApiError, ErrorCode
from portal.api.ids import InvalidId, decode_pk, enum_value
from portal.api.pagination import ConnectionField, CountableConnection

FORMATS = sorted({*FORMAT_NAMES.values(), "OTHER"})
DatasetFormat = graphene.Enum(
    "DatasetFormat",
    [(name, name) for name in FORMATS],
    description="A distribution's format, as the `format` facet counts it.",
)
MIN_YEAR, MAX_YEAR = 1900, 2100


class DatasetConnection(CountableConnection):
    """A page of datasets, most recently issued first."""

    class Meta:
        node = DatasetPage


class DatasetFacetValue(graphene.ObjectType):
    """One value of a facet and how many datasets (matching the other filters) have it."""

    value = graphene.String(required=True, description="What to pass to the matching filter.")
    label = graphene.String(required=True, description="Text to show.")
    count = graphene.Int(required=True, description="Matching datasets with this value.")


class DatasetFacets(graphene.ObjectType):
    """Counts of the datasets matching the filters, by theme, licence, year of issue, format."""

    theme = graphene.List(
        graphene.NonNull(DatasetFacetValue), required=True, description="By count."
    )
    license = graphene.List(
        graphene.NonNull(DatasetFacetValue), required=True, description="By count."
    )
    year = graphene.List(
        graphene.NonNull(DatasetFacetValue), required=True, description="Newest first."
    )
    format = graphene.List(
        graphene.NonNull(DatasetFacetValue), required=True, description="By count."
    )


def _filters(kwargs):
    year = kwargs.get("year")
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise ApiError(
            ErrorCode.INVALID_VARIABLES,
            _("The year must be between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
        )
    return {
        "theme": kwargs.get("theme"),
        "license": enum_value(kwargs.get("license")),
        "year": year,
        "format": enum_value(kwargs.get("format")),
    }


def _filter_arguments():
    return {
        "theme": graphene.String(description="A theme code (`SOCI`), from `DataTheme.code`."),
        "license": LicenseEnum(description="Only datasets under this licence."),
        "year": graphene.Int(description=f"Issued in this year ({MIN_YEAR}–{MAX_YEAR})."),
        "format": DatasetFormat(description="With a distribution in this format."),
    }


class DatasetQueries(graphene.ObjectType):
    datasets = ConnectionField(
        DatasetConnection,
        **_filter_arguments(),
        description="Published research datasets, most recently issued first, filtered. A year "
        "outside 1900–2100 is refused with `INVALID_VARIABLES`.",
    )
    dataset_facets = graphene.Field(
        DatasetFacets,
        required=True,
        **_filter_arguments(),
        description="Facet counts over the datasets the same filters select (four queries).",
    )
    dataset = graphene.Field(
        DatasetPage,
        id=graphene.ID(description="The dataset's global id (or page number)."),
        slug=graphene.String(description="The dataset's slug."),
        description="One published dataset by id or slug; null when hidden or gone. A malformed "
        "id is refused with `INVALID_ID`.",
    )

    @staticmethod
    def resolve_datasets(root, info, **kwargs):
        found = filter_datasets(visible_datasets(), **_filters(kwargs))
        return found.order_by("-issued", "-pk")

    @staticmethod
    def resolve_dataset_facets(root, info, **kwargs):
        counted = facets(filter_datasets(visible_datasets(), **_filters(kwargs)))
        themes = {
            code: (name, name_en)
            for code, name, name_en in Theme.objects.values_list("code", "name", "name_en")
        }
        english = (
            info.context.LANGUAGE_CODE == "en" if hasattr(info.context, "LANGUAGE_CODE") else False
        )

        def values(counter, label=str, order=None):
            items = sorted(counter.items(), key=order or (lambda item: (-item[1], str(item[0]))))
            return [DatasetFacetValue(value=str(v), label=label(v), count=n) for v, n in items]

        return DatasetFacets(
            theme=values(
                counted["theme"], lambda code: themes.get(code, (code, code))[1 if english else 0]
            ),
            license=values(counted["license"]),
            year=values(counted["year"], order=lambda item: -item[0]),
            format=values(counted["format"]),
        )

    @staticmethod
    def resolve_dataset(root, info, id=None, slug=None):
        datasets = visible_datasets()
        if id is not None:
            try:
                pk = decode_pk(id, "DatasetPage", raw_ok=True)
            except InvalidId as error:
                raise ApiError(
                    ErrorCode.INVALID_ID, _("`id` is not the id of a dataset.")
                ) from error
            page = datasets.filter(pk=pk).first()
        elif slug is not None:
            page = datasets.filter(slug=slug[:255]).first()
        else:
            raise ApiError(ErrorCode.INVALID_VARIABLES, _("Give an id or a slug."))
        if page is not None:
            DatasetPage.prime([page], info)
        return page
