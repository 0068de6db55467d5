"""HTTP endpoints of the dataset repository (under ``/api/data/``): OAI-PMH, the DCAT catalog
and the counted downloads of distributions."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from cms.datasets import exports, oai
from cms.datasets.models import DatasetPage, Distribution
from cms.datasets.services import visible_datasets
from cms.datasets.signals import dataset_downloaded
from portal.text import invalid_text_reason

MAX_ARGUMENT = 2000


@csrf_exempt
@require_http_methods(["GET", "POST"])
def oai_pmh(request):
    """OAI-PMH 2.0: GET with a query string or POST with a form body (the protocol's two ways)."""
    data = request.POST if request.method == "POST" else request.GET
    params = {key: data.getlist(key) for key in data}
    if any(
        len(value) > MAX_ARGUMENT or invalid_text_reason(value)
        for values in params.values()
        for value in values
    ):
        params = {"verb": ["Identify"], "!": ["?"]}  # answered as badArgument
    return HttpResponse(oai.respond(params), content_type="text/xml; charset=utf-8")


@require_GET
def catalog_turtle(request):
    return HttpResponse(exports.catalog_turtle(), content_type="text/turtle; charset=utf-8")


@require_GET
def catalog_json_ld(request):
    return HttpResponse(exports.catalog_json_ld(), content_type="application/ld+json")


@require_GET
def download(request, pk: int):
    """A distribution of a visible dataset: the file itself (streamed) or a redirect to the
    external URL. Counted with ``dataset_downloaded`` (no personal data)."""
    distribution = (
        Distribution.objects.select_related("file")
        .filter(pk=pk, page__in=visible_datasets().values("pk"))
        .first()
    )
    if distribution is None:
        raise Http404
    dataset_downloaded.send(
        sender=DatasetPage,
        dataset_id=distribution.page_id,
        distribution_id=distribution.pk,
        media_type=distribution.media_type,
    )
    if distribution.url:
        return HttpResponseRedirect(distribution.url)
    if distribution.file is None:
        raise Http404
    name = distribution.file.file.name.rsplit("/", 1)[-1]
    response = FileResponse(
        distribution.file.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=distribution.media_type or "application/octet-stream",
    )
    return response
