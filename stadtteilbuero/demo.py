"""Shared helpers of the demo loaders (`manage.py load_demo`).

Each app has a `demo.py` with a `load()` that is idempotent: objects are found by slug
(or another natural key) and updated, so a second run neither duplicates nor fails.
"""

import hashlib
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

# The apps whose demo data `load_demo` loads, in dependency order.
DEMO_MODULES = ["offices.demo", "projects.demo", "events.demo", "fonds.demo", "rooms.demo"]

PALETTE = ["#00594f", "#7a3e00", "#1f4e79", "#6b2a5c", "#2f5d1e", "#8a1c1c"]


def demo_image(label: str, size=(1200, 800), text: str = "") -> ContentFile:
    """A generated PNG (coloured background, simple shapes, optional big text such as
    initials) standing in for a photo."""
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
    if text:
        font = ImageFont.load_default(size=min(size) // 3)
        draw.rectangle((0, height * 0.3, width, height * 0.7), fill=colour)
        draw.text((width / 2, height / 2), text, fill="#ffffff", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{digest.hex()[:12]}.png")


def set_image(obj, label: str, alt: str, credit: str = "", size=(1200, 800), text: str = ""):
    """Give an ImageMixin object a generated image once (kept on later runs)."""
    obj.image_alt = alt
    obj.image_credit = credit
    if not obj.image:
        obj.image.save(f"{label}.png", demo_image(label, size, text), save=False)
