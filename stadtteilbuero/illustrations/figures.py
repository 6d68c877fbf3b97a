"""People and things of the demo illustrations: faceless flat figures of many looks, and
the furniture of a neighbourhood (tables, chairs, raised beds, a pinboard, shelves).
"""

from dataclasses import dataclass

from .canvas import AMBER, CORAL, CREAM, GREEN, INK, LEAF, LEAF_LIGHT, RED, WHITE, WOOD, WOOD_DARK

SKINS = ["#f1c7a5", "#d9a07a", "#a86b4a", "#6e4630", "#e8b894", "#c68863"]
HAIRS = ["#2b1d14", "#5a3a22", "#c9a04a", "#1b1b1b", "#8a4b2b", "#a7a29b"]
CLOTHES = [GREEN, AMBER, CORAL, RED, "#1f4e79", "#6b2a5c", "#3d7a8a", "#e4b363", "#5b6b3a"]
TROUSERS = ["#2f3a4a", "#4a4038", "#1f4e79", "#6b5a48", "#3b3b3b"]
HAIR_STYLES = ["short", "long", "bun", "curly", "scarf", "short", "cap", "bald"]
SCARVES = [GREEN, CORAL, "#6b2a5c", "#3d7a8a", AMBER, "#1f4e79"]


@dataclass
class Look:
    skin: str
    hair: str
    style: str
    top: str
    bottom: str
    dress: bool = False

    @classmethod
    def random(cls, rng, **fixed):
        values = {
            "skin": rng.choice(SKINS),
            "hair": rng.choice(HAIRS),
            "style": rng.choice(HAIR_STYLES),
            "top": rng.choice(CLOTHES),
            "bottom": rng.choice(TROUSERS),
            "dress": rng.random() < 0.2,
        }
        values.update(fixed)
        if values["style"] == "scarf" and "hair" not in fixed:
            values["hair"] = rng.choice(SCARVES)
        return cls(**values)


# Where a hand goes, relative to the shoulder, in body heights: (elbow, hand).
ARMS = {
    "down": ((0.05, 0.17), (0.06, 0.34)),
    "up": ((0.08, -0.12), (0.1, -0.28)),
    "wave": ((0.16, -0.02), (0.2, -0.18)),
    "out": ((0.14, 0.06), (0.28, 0.04)),
    "forward": ((0.08, 0.16), (0.2, 0.16)),
    "hip": ((0.14, 0.12), (0.06, 0.22)),
    "in": ((0.06, 0.16), (-0.05, 0.2)),
}


def _hair_behind(canvas, look, cx, cy, r):
    if look.style == "long":
        canvas.ellipse(cx, cy + r * 0.7, r * 1.18, r * 1.6, look.hair)
    elif look.style == "scarf":
        canvas.ellipse(cx, cy + r * 0.55, r * 1.3, r * 1.55, look.hair)


def _head(canvas, look, cx, cy, r):
    if look.style == "scarf":
        canvas.circle(cx, cy + r * 0.05, r * 1.2, look.hair)
        canvas.ellipse(cx, cy + r * 0.15, r * 0.78, r * 0.86, look.skin)
        return
    canvas.circle(cx, cy, r, look.skin)
    if look.style == "bald":
        canvas.chord(cx, cy, r * 1.02, r * 1.02, 160, 200, look.hair)
        canvas.chord(cx, cy, r * 1.02, r * 1.02, 340, 20, look.hair)
        return
    canvas.chord(cx, cy - r * 0.12, r * 1.08, r * 1.0, 180, 360, look.hair)
    if look.style in ("long", "bun", "curly"):
        canvas.chord(cx, cy, r * 1.06, r * 1.06, 150, 210, look.hair)
        canvas.chord(cx, cy, r * 1.06, r * 1.06, 330, 30, look.hair)
    if look.style == "bun":
        canvas.circle(cx, cy - r * 1.1, r * 0.48, look.hair)
    elif look.style == "curly":
        for angle_x, angle_y in [(-0.9, -0.5), (-0.5, -0.95), (0, -1.1), (0.5, -0.95), (0.9, -0.5)]:
            canvas.circle(cx + angle_x * r, cy + angle_y * r, r * 0.38, look.hair)
    elif look.style == "cap":
        canvas.chord(cx, cy - r * 0.2, r * 1.1, r * 1.0, 180, 360, look.top)
        canvas.rect(cx, cy - r * 0.32, cx + r * 1.6, cy - r * 0.18, look.top, radius=3)


def person(canvas, x, base, h, look, arms=("down", "down"), child=False, held=None, stride=0.0):
    """A standing figure, feet on `base`, `h` tall; `stride` (0 to 1) spreads the legs of
    a walking or running figure. `held` draws something in the right hand: a
    callable(canvas, hand_x, hand_y, h)."""
    r = h * (0.11 if child else 0.085)
    head_y = base - h + r
    top_y = base - h + 2 * r + h * 0.01
    hip_y = base - h * 0.46
    half = h * (0.12 if child else 0.13)
    canvas.ellipse(x, base, half * 1.4, h * 0.025, "#00000018")
    _hair_behind(canvas, look, x, head_y, r)
    leg_w = h * 0.09
    for side in (-1, 1):
        lx = x + side * (leg_w / 2 + h * 0.008)
        foot = lx + side * stride * h * 0.16
        canvas.line([(lx, hip_y), (foot, base - h * 0.04)], look.bottom, leg_w)
        canvas.ellipse(foot + side * h * 0.012, base - h * 0.018, leg_w * 0.62, h * 0.022, INK)
    if look.dress:
        canvas.polygon(
            [
                (x - half * 0.9, top_y + h * 0.1),
                (x + half * 0.9, top_y + h * 0.1),
                (x + half * 1.3, base - h * 0.2),
                (x - half * 1.3, base - h * 0.2),
            ],
            look.top,
        )
    canvas.rect(x - half, top_y, x + half, hip_y + h * 0.02, look.top, radius=h * 0.06)
    for side, pose in zip((-1, 1), arms, strict=True):
        _arm(
            canvas,
            look,
            x + side * (half - h * 0.03),
            top_y + h * 0.04,
            side,
            pose,
            h,
            held if side == 1 else None,
        )
    _head(canvas, look, x, head_y, r)


def figure(canvas, rng, x, base, h, style, top, arms=("down", "down"), **options):
    """A standing person of the given hair style and top, the rest of the look drawn
    from `rng`; `hair`, `bottom` and `dress` fix more of it, other options go to person()."""
    look = {key: options.pop(key) for key in ("hair", "bottom", "dress") if key in options}
    person(canvas, x, base, h, Look.random(rng, style=style, top=top, **look), arms, **options)


def _arm(canvas, look, sx, sy, side, pose, h, held):
    (ex, ey), (hx, hy) = ARMS[pose]
    elbow = (sx + side * ex * h, sy + ey * h)
    hand = (sx + side * hx * h, sy + hy * h)
    canvas.line([(sx, sy), elbow, hand], look.top, h * 0.065)
    canvas.circle(*hand, h * 0.036, look.skin)
    if held:
        held(canvas, *hand, h)


def seated(canvas, x, base, h, look, arms=("forward", "forward")):
    """A figure of height `h` sitting on a chair, seen from the front, feet on `base`."""
    r = h * 0.085
    hip_y = base - h * 0.27
    top_y = hip_y - h * 0.34
    head_y = top_y - r - h * 0.01
    half = h * 0.13
    _hair_behind(canvas, look, x, head_y, r)
    leg_w = h * 0.095
    for side in (-1, 1):
        lx = x + side * (leg_w / 2 + h * 0.012)
        canvas.rect(
            lx - leg_w / 2,
            hip_y - h * 0.03,
            lx + leg_w / 2,
            hip_y + h * 0.06,
            look.bottom,
            radius=leg_w * 0.4,
        )
        canvas.rect(
            lx - leg_w * 0.45,
            hip_y + h * 0.03,
            lx + leg_w * 0.45,
            base - h * 0.02,
            look.bottom,
            radius=leg_w * 0.3,
        )
        canvas.ellipse(lx + side * h * 0.012, base - h * 0.018, leg_w * 0.62, h * 0.022, INK)
    canvas.rect(x - half, top_y, x + half, hip_y + h * 0.03, look.top, radius=h * 0.06)
    for side, pose in zip((-1, 1), arms, strict=True):
        _arm(canvas, look, x + side * (half - h * 0.03), top_y + h * 0.04, side, pose, h, None)
    _head(canvas, look, x, head_y, r)


CROWD_ARMS = [
    ("down", "down"),
    ("down", "wave"),
    ("hip", "down"),
    ("up", "up"),
    ("down", "in"),
    ("forward", "down"),
]


def crowd(canvas, rng, xs, base, h=190, **fixed):
    for x in xs:
        arms = rng.choice(CROWD_ARMS)
        person(
            canvas,
            x + rng.uniform(-8, 8),
            base + rng.uniform(-6, 6),
            h * rng.uniform(0.9, 1.05),
            Look.random(rng, **fixed),
            arms=arms,
        )


# --- Things people hold (callables for person(held=...)) -----------------------------


def holding_plant(canvas, x, y, h):
    canvas.rect(x - h * 0.05, y - h * 0.02, x + h * 0.05, y + h * 0.07, CORAL, radius=3)
    for dx, dy in [(-0.05, -0.07), (0.04, -0.09), (0, -0.12)]:
        canvas.circle(x + dx * h, y + dy * h, h * 0.045, LEAF_LIGHT)


def holding_cup(canvas, x, y, h):
    canvas.rect(x - h * 0.03, y - h * 0.05, x + h * 0.03, y + h * 0.01, WHITE, radius=2)


def holding_card(colour):
    def draw(canvas, x, y, h):
        canvas.rect(x - h * 0.02, y - h * 0.1, x + h * 0.1, y - h * 0.02, colour, radius=2)

    return draw


def holding_map(canvas, x, y, h):
    canvas.polygon(
        [
            (x - h * 0.22, y - h * 0.1),
            (x + h * 0.02, y - h * 0.14),
            (x + h * 0.02, y + h * 0.04),
            (x - h * 0.22, y + h * 0.06),
        ],
        CREAM,
    )
    canvas.line(
        [(x - h * 0.18, y - h * 0.06), (x - h * 0.1, y - h * 0.02), (x - h * 0.02, y - h * 0.08)],
        CORAL,
        3,
    )
    canvas.line([(x - h * 0.16, y + h * 0.02), (x - h * 0.04, y - h * 0.1)], GREEN, 3)


def holding_brush(colour):
    def draw(canvas, x, y, h):
        canvas.line([(x, y), (x + h * 0.06, y - h * 0.12)], WOOD_DARK, h * 0.018)
        canvas.circle(x + h * 0.065, y - h * 0.13, h * 0.02, colour)

    return draw


# --- Furniture and objects --------------------------------------------------------------


def table(canvas, x0, x1, top_y, base, colour=WOOD, cloth=None):
    """A table seen from the front; a cloth hangs over its edge."""
    for leg in (x0 + 6, x1 - 14):
        canvas.rect(leg, top_y, leg + 10, base, WOOD_DARK)
    canvas.rect(x0 - 10, top_y - 12, x1 + 10, top_y + 8, colour, radius=4)
    if cloth:
        canvas.rect(x0 - 4, top_y - 8, x1 + 4, top_y + 50, cloth, radius=4)


def chair_back(canvas, x, base, h, colour=GREEN):
    """The chair of a seated figure of height `h` (drawn before the figure)."""
    seat_y = base - h * 0.27
    canvas.rect(x - h * 0.18, seat_y - h * 0.42, x + h * 0.18, seat_y - h * 0.3, colour, radius=8)
    for side in (-1, 1):
        leg = x + side * h * 0.15
        canvas.rect(leg - 3, seat_y - h * 0.34, leg + 3, base, colour)
    canvas.rect(x - h * 0.19, seat_y - 4, x + h * 0.19, seat_y + 10, colour, radius=4)


def cup(canvas, x, y, colour=WHITE):
    canvas.rect(x - 10, y - 18, x + 10, y, colour, radius=3)
    canvas.line([(x + 10, y - 14), (x + 16, y - 10), (x + 10, y - 5)], colour, 3)


def cake(canvas, x, y):
    canvas.ellipse(x, y, 34, 8, WHITE)
    canvas.rect(x - 26, y - 24, x + 26, y - 4, "#e9b26b", radius=6)
    canvas.rect(x - 26, y - 28, x + 26, y - 20, CREAM, radius=4)
    canvas.circle(x, y - 32, 5, RED)


def raised_bed(canvas, x, base, w, h=70, crop="greens"):
    canvas.rect(x, base - h, x + w, base, WOOD, radius=3)
    for plank in range(1, 3):
        canvas.rect(x, base - h + plank * h / 3 - 2, x + w, base - h + plank * h / 3 + 1, WOOD_DARK)
    canvas.rect(x + 4, base - h - 6, x + w - 4, base - h + 4, "#6b4a2e", radius=3)
    count = int(w // 34)
    for i in range(count):
        px = x + 20 + i * (w - 40) / max(count - 1, 1)
        if crop == "flowers":
            canvas.line([(px, base - h), (px, base - h - 40)], LEAF, 4)
            canvas.circle(px, base - h - 44, 10, [CORAL, AMBER, "#e88bb0", WHITE][i % 4])
        elif crop == "tomatoes":
            canvas.line([(px, base - h), (px, base - h - 70)], WOOD_DARK, 3)
            canvas.circle(px - 8, base - h - 40, 14, LEAF)
            canvas.circle(px + 8, base - h - 56, 12, LEAF_LIGHT)
            canvas.circle(px + 6, base - h - 30, 7, RED)
        else:
            for dx, r in [(-9, 13), (9, 13), (0, 17)]:
                canvas.circle(px + dx, base - h - 10, r, LEAF_LIGHT if dx else LEAF)


def watering_can(canvas, x, base, colour=GREEN):
    canvas.rect(x - 26, base - 44, x + 22, base, colour, radius=6)
    canvas.polygon(
        [(x + 18, base - 30), (x + 60, base - 62), (x + 64, base - 56), (x + 22, base - 18)], colour
    )
    canvas.line([(x - 20, base - 44), (x - 6, base - 62), (x + 10, base - 44)], colour, 6)


def pinboard(canvas, x0, y0, x1, y1, rng):
    for leg in (x0 + 20, x1 - 26):
        canvas.rect(leg, y1, leg + 8, y1 + 150, WOOD_DARK)
    canvas.rect(x0, y0, x1, y1, "#d9b98c", radius=6)
    canvas.rect(x0 + 10, y0 + 10, x1 - 10, y1 - 10, "#e8cfa6", radius=4)
    for row in range(3):
        for column in range(int((x1 - x0 - 20) // 62)):
            if rng.random() < 0.25:
                continue
            cx = x0 + 22 + column * 62 + rng.uniform(-4, 4)
            cy = y0 + 22 + row * ((y1 - y0 - 30) / 3) + rng.uniform(-4, 4)
            colour = rng.choice([AMBER, CORAL, "#9fd3c7", WHITE, "#f6e3a1"])
            canvas.rect(cx, cy, cx + 48, cy + 36, colour, radius=2)
            canvas.circle(cx + 24, cy + 4, 4, RED)


def bookshelf(canvas, x0, y0, x1, y1, rng):
    canvas.rect(x0, y0, x1, y1, WOOD_DARK, radius=4)
    shelves = 4
    shelf_h = (y1 - y0) / shelves
    for shelf in range(shelves):
        top = y0 + shelf * shelf_h + 10
        bottom = y0 + (shelf + 1) * shelf_h - 4
        canvas.rect(x0 + 10, top, x1 - 10, bottom, "#5e3d22")
        bx = x0 + 14
        while bx < x1 - 30:
            width = rng.randint(12, 24)
            height = rng.uniform(0.6, 0.95) * (bottom - top)
            colour = rng.choice([GREEN, AMBER, CORAL, RED, "#1f4e79", CREAM, "#3d7a8a", "#e4b363"])
            if rng.random() < 0.08:
                canvas.polygon(
                    [
                        (bx, bottom),
                        (bx + width, bottom),
                        (bx + width + 16, bottom - height),
                        (bx + 16, bottom - height),
                    ],
                    colour,
                )
                bx += width + 18
            else:
                canvas.rect(bx, bottom - height, bx + width, bottom, colour, radius=2)
                bx += width + 2


def parasol(canvas, x, base, colour=CORAL, h=220):
    canvas.rect(x - 3, base - h, x + 3, base, INK)
    canvas.chord(x, base - h + 20, 110, 70, 180, 360, colour)
    for i in (-1, 1):  # two light stripes
        canvas.polygon(
            [
                (x, base - h - 50),
                (x + i * 44 - 10, base - h + 20),
                (x + i * 44 + 10, base - h + 20),
            ],
            "#ffffff40",
        )


def deckchair(canvas, x, base, colour=AMBER):
    canvas.line([(x - 40, base), (x + 30, base - 90)], WOOD_DARK, 7)
    canvas.line([(x + 40, base), (x - 10, base - 50)], WOOD_DARK, 7)
    canvas.polygon(
        [(x - 30, base - 12), (x + 26, base - 86), (x + 44, base - 78), (x - 4, base - 16)], colour
    )
    for stripe in range(3):
        t = 0.2 + stripe * 0.28
        ax, ay = x - 30 + 56 * t, base - 12 - 74 * t
        canvas.polygon([(ax, ay), (ax + 8, ay - 10), (ax + 26, ay - 2), (ax + 18, ay + 8)], WHITE)


def ball(canvas, x, y, r=16):
    canvas.circle(x, y, r, WHITE)
    canvas.pieslice(x, y, r * 0.45, 0, 360, INK)
    for angle in (0, 72, 144, 216, 288):
        canvas.pieslice(x, y, r, angle - 8, angle + 8, "#00000040")
