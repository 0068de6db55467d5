"""The demo loader makes five datasets about Ternate with generated CSV files, once."""

from cms.datasets import demo
from cms.datasets.models import DatasetPage, Distribution
from cms.datasets.services import visible_datasets


def test_demo_datasets_are_made_once(home):
    assert demo.load() == ["datasets: 5 created, 0 kept"]
    assert demo.load() == ["datasets: 0 created, 5 kept"]
    assert visible_datasets().count() == DatasetPage.objects.count() == 5
    distributions = Distribution.objects.all()
    assert distributions.count() == 5
    assert all(d.media_type == "text/csv" and d.preview and d.byte_size for d in distributions)
    rain = Distribution.objects.get(page__slug="curah-hujan-ternate")
    assert [c["type"] for c in rain.preview["columns"]] == ["date", "decimal", "integer"]
