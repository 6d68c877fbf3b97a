"""Shared helpers of the demo loaders (`manage.py load_demo`).

Each app has a `demo.py` with a `load()` that is idempotent: objects are found by slug
(or another natural key) and updated, so a second run neither duplicates nor fails.
"""

import hashlib
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from . import illustrations

# The apps whose demo data `load_demo` loads, in dependency order.
DEMO_MODULES = ["offices.demo", "projects.demo", "events.demo", "fonds.demo", "rooms.demo"]

PALETTE = ["#00594f", "#7a3e00", "#1f4e79", "#6b2a5c", "#2f5d1e", "#8a1c1c"]


def demo_image(label: str, size=(1200, 800)) -> ContentFile:
    """A generated PNG (coloured background, simple shapes) standing in for an
    applicant's photo or scan in the fund demo."""
    digest = hashlib.sha256(label.encode()).digest()
    colour = PALETTE[digest[0] % len(PALETTE)]
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    width, height = size
    for index in range(6):
        x = digest[index + 1] / 255 * width
        y = digest[index + 7] / 255 * height
        radius = 40 + digest[index + 13] / 255 * min(size) / 3
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill="#f5f1e8")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{digest.hex()[:12]}.png")


def stored_illustration(name: str) -> str:
    """The storage name of a drawn demo illustration (stadtteilbuero/illustrations),
    copied into the storage once. The name carries a hash of the content: every object
    that shows the picture shares the file and its renditions, and a redrawn picture gets
    a new name (stored files never change under their name, see views.media)."""
    content = illustrations.path(name).read_bytes()
    stored = f"demo/{name}-{hashlib.sha256(content).hexdigest()[:10]}.webp"
    if not default_storage.exists(stored):
        default_storage.save(stored, ContentFile(content))
    return stored


def illustration(name: str) -> dict:
    """The image fields of an ImageMixin object showing a drawn illustration: the file,
    its alt text and the credit (for `update_or_create` defaults)."""
    return {
        "image": stored_illustration(name),
        "image_alt": illustrations.ALT_TEXTS[name],
        "image_credit": illustrations.CREDIT,
        "image_licence": illustrations.LICENCE,
    }


def set_illustration(obj, name: str):
    """Give an ImageMixin object a drawn illustration (assigning the file reads its size)."""
    for field, value in illustration(name).items():
        setattr(obj, field, value)
