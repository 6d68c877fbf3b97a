"""Reading the sitemap as a search engine does: the index, then every page it names."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_pages(client) -> list[str]:
    """The paths (with ?p=) of the sitemap's pages, from /sitemap.xml."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    urls = [urlsplit(loc.text) for loc in index.findall("s:sitemap/s:loc", NS)]
    return [url.path + (f"?{url.query}" if url.query else "") for url in urls]


def whole_sitemap(client) -> str:
    """The XML of all pages of the sitemap, one after the other."""
    return "\n".join(client.get(page).content.decode() for page in sitemap_pages(client))
