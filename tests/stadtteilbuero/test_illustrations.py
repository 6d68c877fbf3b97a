"""The drawn demo illustrations: committed, described, small, and drawn the same way
each time."""

import io
import random

from PIL import Image

from stadtteilbuero.illustrations import ALT_TEXTS, path
from stadtteilbuero.illustrations.__main__ import SCENES


def test_every_illustration_is_committed_and_described():
    assert set(SCENES) == set(ALT_TEXTS)
    total = 0
    for name, alt in ALT_TEXTS.items():
        with Image.open(path(name)) as image:
            assert (image.format, image.size) == ("WEBP", (1200, 800)), name
        total += path(name).stat().st_size
        assert alt.startswith("Illustration: ") and len(alt) <= 300, name
    assert total < 1.5 * 1024 * 1024


def test_a_scene_is_drawn_the_same_way_twice():
    drawings = []
    for _ in range(2):
        buffer = io.BytesIO()
        SCENES["treffpunkt"](random.Random("treffpunkt")).save(buffer, format="PNG")
        drawings.append(buffer.getvalue())
    assert drawings[0] == drawings[1]
