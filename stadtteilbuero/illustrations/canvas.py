"""The drawing surface of the demo illustrations and the scenery they share (sky, ground,
houses, trees). Flat shapes without outlines, drawn at twice the size and scaled down,
so edges are smooth. Coordinates are in a 1200 × 800 frame.
"""

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 800
SUPERSAMPLE = 2

# The site's colours (static/css/site.css) and warm companions.
GREEN = "#00594f"
GREEN_DARK = "#003d36"
GREEN_TINT = "#e4ecea"
AMBER = "#f2a900"
RED = "#8a1c1c"
TERRACOTTA = "#c8553d"
CORAL = "#e07a5f"
PEACH = "#f4c095"
CREAM = "#fbf6ec"
SKY = "#d7ebe6"
SKY_WARM = "#fbe8c8"
LEAF = "#2f7d5b"
LEAF_LIGHT = "#6fae7c"
GRASS = "#9cc98f"
PAVEMENT = "#ddd3c2"
ROAD = "#8d867b"
WOOD = "#b07a4a"
WOOD_DARK = "#7c5230"
GLASS = "#a9cfd0"
INK = "#2b2622"
WHITE = "#ffffff"
FACADES = ["#f2d7b6", "#e9b99a", "#f6e3a1", "#cfe0d2", "#e8c7c1", "#d9cbb3", "#f3c98b"]


class Canvas:
    def __init__(self, background=SKY):
        size = (WIDTH * SUPERSAMPLE, HEIGHT * SUPERSAMPLE)
        self.image = Image.new("RGB", size, background)
        # RGBA drawing blends translucent fills (shadows, glass reflections).
        self.draw = ImageDraw.Draw(self.image, "RGBA")

    @staticmethod
    def _scale(values):
        return [round(value * SUPERSAMPLE) for value in values]

    def rect(self, x0, y0, x1, y1, fill, radius=0):
        box = self._scale((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        if radius:
            self.draw.rounded_rectangle(box, radius * SUPERSAMPLE, fill=fill)
        else:
            self.draw.rectangle(box, fill=fill)

    def ellipse(self, cx, cy, rx, ry, fill):
        self.draw.ellipse(self._scale((cx - rx, cy - ry, cx + rx, cy + ry)), fill=fill)

    def circle(self, cx, cy, r, fill):
        self.ellipse(cx, cy, r, r, fill)

    def polygon(self, points, fill):
        self.draw.polygon([tuple(self._scale(point)) for point in points], fill=fill)

    def line(self, points, fill, width):
        """A line with round ends and joints (arms, poles, strings)."""
        scaled = [tuple(self._scale(point)) for point in points]
        self.draw.line(scaled, fill=fill, width=round(width * SUPERSAMPLE), joint="curve")
        for x, y in (points[0], points[-1]):
            self.circle(x, y, width / 2, fill)

    def ring(self, cx, cy, rx, ry, colour, width):
        """The outline of an ellipse (wheels, a basketball hoop, a centre circle)."""
        box = self._scale((cx - rx, cy - ry, cx + rx, cy + ry))
        self.draw.ellipse(box, outline=colour, width=round(width * SUPERSAMPLE))

    def pieslice(self, cx, cy, r, start, end, fill):
        box = self._scale((cx - r, cy - r, cx + r, cy + r))
        self.draw.pieslice(box, start, end, fill=fill)

    def chord(self, cx, cy, rx, ry, start, end, fill):
        box = self._scale((cx - rx, cy - ry, cx + rx, cy + ry))
        self.draw.chord(box, start, end, fill=fill)

    def result(self):
        return self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def sky(canvas, top=SKY, bottom=SKY_WARM, until=HEIGHT):
    """A soft vertical gradient in bands of 8 px (small files, no visible steps)."""
    top_rgb = [int(top[i : i + 2], 16) for i in (1, 3, 5)]
    bottom_rgb = [int(bottom[i : i + 2], 16) for i in (1, 3, 5)]
    for y in range(0, until, 8):
        t = y / max(until - 8, 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top_rgb, bottom_rgb, strict=True))
        canvas.rect(0, y, WIDTH, y + 8, colour)


def sun(canvas, x, y, r=46):
    canvas.circle(x, y, r + 18, "#fbe3a0")
    canvas.circle(x, y, r, AMBER)


def cloud(canvas, x, y, scale=1.0):
    for dx, dy, r in [(-50, 8, 28), (-18, -10, 38), (24, -2, 32), (55, 10, 24)]:
        canvas.circle(x + dx * scale, y + dy * scale, r * scale, WHITE)
    canvas.rect(x - 50 * scale, y + 8 * scale, x + 55 * scale, y + 34 * scale, WHITE)


def ground(canvas, y, colour=PAVEMENT, kerb=None):
    canvas.rect(0, y, WIDTH, HEIGHT, colour)
    if kerb:
        canvas.rect(0, y, WIDTH, y + 8, kerb)


def window(canvas, x, y, w, h, frame=WHITE, glass=GLASS, sill=True, lit=False):
    canvas.rect(x - 4, y - 4, x + w + 4, y + h + 4, frame, radius=3)
    pane = "#ffe39a" if lit else glass
    canvas.rect(x, y, x + w, y + h, pane)
    canvas.polygon([(x, y + h), (x + w * 0.55, y), (x + w, y), (x + w, y + h * 0.2)], "#ffffff30")
    canvas.rect(x + w / 2 - 2, y, x + w / 2 + 2, y + h, frame)
    if sill:
        canvas.rect(x - 8, y + h + 4, x + w + 8, y + h + 10, "#00000018")


def house(canvas, x, base, w, h, facade, roof=RED, floors=3, columns=3, gable=True, door=True):
    """A town house: facade, gable or flat roof, a grid of windows, a door in the middle."""
    canvas.rect(x, base - h, x + w, base, facade)
    if gable:
        canvas.polygon(
            [(x - 10, base - h), (x + w / 2, base - h - w * 0.42), (x + w + 10, base - h)], roof
        )
    else:
        canvas.rect(x - 6, base - h - 14, x + w + 6, base - h, roof)
    floor_h = (h - 20) / floors
    gap = w / columns
    for floor in range(floors):
        for column in range(columns):
            wx = x + gap * column + gap * 0.25
            wy = base - h + 20 + floor * floor_h + floor_h * 0.18
            is_door = door and floor == floors - 1 and column == columns // 2
            if is_door:
                canvas.rect(wx - 2, wy, wx + gap * 0.5 + 2, base, WOOD_DARK, radius=4)
                canvas.circle(wx + gap * 0.4, wy + floor_h * 0.5, 3, AMBER)
            else:
                window(canvas, wx, wy, gap * 0.5, floor_h * 0.55)


def block(canvas, x, base, w, h, facade, rng, balconies=True):
    """A post-war apartment block with flat roof and balconies."""
    canvas.rect(x, base - h, x + w, base, facade)
    canvas.rect(x - 4, base - h - 10, x + w + 4, base - h, "#9b8f80")
    floors = int((h - 40) // 70)
    columns = int(w // 70)
    for floor in range(floors):
        for column in range(columns):
            wx = x + 18 + column * 70
            wy = base - h + 26 + floor * 70
            window(canvas, wx, wy, 34, 38, sill=False, lit=rng.random() < 0.12)
            if balconies and column % 2 == 1:
                canvas.rect(wx - 14, wy + 30, wx + 48, wy + 48, rng.choice(FACADES[:3] + [WHITE]))


def tree(canvas, x, base, size=1.0, leaf=LEAF, light=LEAF_LIGHT):
    canvas.ellipse(x, base, 46 * size, 9 * size, "#00000014")
    canvas.rect(x - 7 * size, base - 90 * size, x + 7 * size, base, WOOD_DARK, radius=4)
    for dx, dy, r, colour in [
        (-30, -110, 42, leaf),
        (28, -115, 44, leaf),
        (0, -150, 52, leaf),
        (-10, -140, 30, light),
        (22, -160, 22, light),
    ]:
        canvas.circle(x + dx * size, base + dy * size, r * size, colour)


def bush(canvas, x, base, size=1.0, colour=LEAF_LIGHT, flowers=None):
    for dx, r in [(-22, 22), (0, 30), (24, 22)]:
        canvas.circle(x + dx * size, base - r * size * 0.8, r * size, colour)
    for i, (dx, dy) in enumerate([(-20, -30), (6, -44), (22, -24), (-4, -18)]):
        if flowers:
            canvas.circle(x + dx * size, base + dy * size, 5 * size, flowers[i % len(flowers)])


def lamp_post(canvas, x, base, h=230):
    canvas.rect(x - 4, base - h, x + 4, base, GREEN_DARK)
    canvas.rect(x - 4, base - h, x + 34, base - h + 8, GREEN_DARK, radius=4)
    canvas.ellipse(x + 34, base - h + 14, 14, 8, "#fff1c1")


def bench(canvas, x, base, w=130, colour=WOOD):
    canvas.rect(x, base - 44, x + w, base - 36, colour, radius=3)
    canvas.rect(x, base - 70, x + w, base - 56, colour, radius=3)
    canvas.rect(x, base - 56, x + w, base - 52, colour)
    for leg in (x + 10, x + w - 16):
        canvas.rect(leg, base - 44, leg + 6, base, INK)


def bunting(canvas, x0, y0, x1, y1, sag=40, colours=(AMBER, CORAL, GREEN, PEACH, RED)):
    """A string of triangular flags hanging in a curve."""
    steps = int(abs(x1 - x0) // 46)

    def at(t):
        return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t + sag * 4 * t * (1 - t)

    canvas.line([at(i / 40) for i in range(41)], INK, 2)
    for i in range(steps):
        (ax, ay), (bx, by) = at((i + 0.15) / steps), at((i + 0.85) / steps)
        canvas.polygon(
            [(ax, ay), (bx, by), ((ax + bx) / 2, (ay + by) / 2 + 34)], colours[i % len(colours)]
        )


ROOFS = [RED, TERRACOTTA, "#6b4a3a", "#8d5b4c"]


def houses(canvas, rng, base, x=-20, until=WIDTH + 20, low=260, high=420):
    """A row of town houses of different heights and colours along `base`."""
    while x < until:
        w = rng.choice([150, 170, 190, 210])
        h = rng.uniform(low, high)
        floors = max(2, int(h // 110))
        house(
            canvas,
            x,
            base,
            w,
            h,
            rng.choice(FACADES),
            rng.choice(ROOFS),
            floors=floors,
            gable=rng.random() < 0.6,
        )
        x += w + rng.choice([0, 0, 12])
