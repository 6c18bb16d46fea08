"""Demo publications: Region Värmland publishes its klimatbokslut and carbon budget (every year),
so the public open data at /offentlig/RV/data/ has content; Jämtland and Stockholm publish
nothing (nothing is public by default)."""

from nettonoll.organisations.models import Organisation
from nettonoll.publication.models import PublishedWhat
from nettonoll.publication.services import publish


def demo_opendata_load() -> None:
    """Publish once; a second run changes nothing (publishing what is published is no change)."""
    varmland = Organisation.objects.filter(code="RV").first()
    if varmland is None:
        return
    for what in (PublishedWhat.KLIMATBOKSLUT, PublishedWhat.BUDGET):
        publish(varmland, what)
