"""Scenes inside: the café, the counselling room, a workshop at a pinboard, the reading
corner of a library and a hall. Each function takes a seeded random generator and
returns the finished picture."""

from .canvas import (
    AMBER,
    CORAL,
    CREAM,
    GRASS,
    GREEN,
    GREEN_DARK,
    GREEN_TINT,
    HEIGHT,
    INK,
    LEAF,
    LEAF_LIGHT,
    PEACH,
    RED,
    SKY,
    WHITE,
    WIDTH,
    WOOD,
    WOOD_DARK,
    Canvas,
    tree,
)
from .figures import (
    Look,
    bookshelf,
    cake,
    chair_back,
    cup,
    figure,
    holding_card,
    holding_cup,
    person,
    pinboard,
    seated,
    table,
)

FLOOR = "#d6b48a"
FLOOR_DARK = "#c7a277"


def room(canvas, wall, floor_y=560):
    canvas.rect(0, 0, WIDTH, floor_y, wall)
    canvas.rect(0, floor_y, WIDTH, HEIGHT, FLOOR)
    for x in range(-200, WIDTH + 200, 120):
        canvas.line([(x, floor_y), (x - 160, HEIGHT)], FLOOR_DARK, 3)
    canvas.rect(0, floor_y - 14, WIDTH, floor_y, "#e9e1d2")


def big_window(canvas, x0, y0, x1, y1):
    """A window with a view of sky and a tree."""
    canvas.rect(x0 - 12, y0 - 12, x1 + 12, y1 + 12, WHITE, radius=6)
    canvas.rect(x0, y0, x1, y1, SKY)
    canvas.rect(x0, y1 - (y1 - y0) * 0.25, x1, y1, "#b9d9a8")
    tree(canvas, x0 + (x1 - x0) * 0.3, y1 - 10, (y1 - y0) / 330)
    canvas.rect((x0 + x1) / 2 - 5, y0, (x0 + x1) / 2 + 5, y1, WHITE)
    canvas.rect(x0 - 20, y1 + 12, x1 + 20, y1 + 22, "#e9e1d2")


def plant(canvas, x, base, size=1.0):
    canvas.rect(x - 30 * size, base - 56 * size, x + 30 * size, base, CORAL, radius=6)
    for dx, dy, r in [
        (-30, -90, 26),
        (24, -100, 28),
        (0, -130, 30),
        (-14, -150, 18),
        (34, -140, 16),
    ]:
        canvas.circle(x + dx * size, base + dy * size, r * size, LEAF if dy < -120 else LEAF_LIGHT)


def pendant(canvas, x, bottom, colour=AMBER):
    canvas.line([(x, 0), (x, bottom - 30)], INK, 3)
    canvas.chord(x, bottom, 44, 36, 180, 360, colour)
    canvas.ellipse(x, bottom + 4, 20, 8, "#fff1c1")


def chalkboard(canvas, x0, y0, x1, y1, rng):
    """A board with a drawn cup and cake (the café's menu, without words)."""
    canvas.rect(x0, y0, x1, y1, WOOD, radius=6)
    canvas.rect(x0 + 10, y0 + 10, x1 - 10, y1 - 10, "#33413c", radius=4)
    cup(canvas, x0 + 60, y0 + 90, WHITE)
    canvas.line([(x0 + 52, y0 + 56), (x0 + 58, y0 + 44), (x0 + 52, y0 + 32)], WHITE, 3)
    cake(canvas, x1 - 60, y0 + 96)
    for row in range(3):
        canvas.line(
            [(x0 + 30, y1 - 60 + row * 16), (x1 - 30 - rng.randint(0, 60), y1 - 60 + row * 16)],
            "#c9d3cf",
            3,
        )


def diners(canvas, rng, xs, base, h, chairs):
    """People sitting side by side behind a table (drawn before the table)."""
    for i, x in enumerate(xs):
        chair_back(canvas, x, base, h, chairs[i % len(chairs)])
        look = Look.random(rng)
        pose = rng.choice([("forward", "forward"), ("in", "forward"), ("forward", "in")])
        seated(canvas, x, base, h, look, arms=pose)


def cafe(rng):
    """Nachbarschaftscafé: people at two tables with coffee and cake, a kitchenette."""
    canvas = Canvas()
    room(canvas, "#f6e3c8", floor_y=520)
    big_window(canvas, 60, 80, 360, 380)
    canvas.rect(760, 300, 1160, 520, WHITE)
    canvas.rect(750, 290, 1170, 310, WOOD)
    for x in range(770, 1160, 100):
        canvas.rect(x, 330, x + 90, 505, GREEN_TINT, radius=4)
        canvas.circle(x + 80, 420, 4, INK)
    canvas.rect(800, 120, 1120, 136, WOOD)
    for i, x in enumerate(range(820, 1100, 50)):
        cup(canvas, x, 118, [CORAL, GREEN, AMBER, WHITE][i % 4])
    canvas.rect(1000, 240, 1060, 290, INK, radius=10)
    pendant(canvas, 300, 200)
    pendant(canvas, 820, 200, CORAL)
    plant(canvas, 640, 520, 0.9)
    chalkboard(canvas, 440, 150, 640, 330, rng)
    diners(canvas, rng, [150, 310, 470], 780, 270, [GREEN, AMBER, CORAL])
    table(canvas, 80, 540, 690, 780, cloth=CREAM)
    for x in (150, 300, 480):
        cup(canvas, x, 678, rng.choice([WHITE, CORAL, GREEN]))
    cake(canvas, 390, 680)
    diners(canvas, rng, [720, 880], 780, 270, [GREEN, CORAL])
    table(canvas, 640, 960, 690, 780, cloth=GREEN_TINT)
    cup(canvas, 740, 678, WHITE)
    cup(canvas, 860, 678, AMBER)
    figure(
        canvas, rng, 1080, 790, 290, "bun", GREEN_DARK, arms=("down", "forward"), held=holding_cup
    )
    return canvas.result()


def counselling(rng):
    """Beratung: two people with papers at a round table, shelves with folders, a plant."""
    canvas = Canvas()
    room(canvas, "#eef2ec", floor_y=520)
    big_window(canvas, 780, 80, 1120, 380)
    canvas.rect(60, 110, 420, 520, WOOD, radius=4)
    for shelf in range(3):
        y = 130 + shelf * 126
        canvas.rect(76, y, 404, y + 108, "#8b5e36")
        for i in range(8):
            colour = [GREEN, AMBER, CORAL, "#1f4e79", CREAM][(i + shelf) % 5]
            canvas.rect(86 + i * 39, y + 10, 118 + i * 39, y + 106, colour, radius=3)
            canvas.circle(102 + i * 39, y + 74, 7, WHITE)
    plant(canvas, 1120, 600, 1.3)
    chair_back(canvas, 470, 780, 280, GREEN)
    seated(
        canvas, 470, 780, 280, Look.random(rng, style="scarf", top=CORAL), arms=("forward", "in")
    )
    chair_back(canvas, 810, 780, 280, GREEN)
    seated(
        canvas,
        810,
        780,
        280,
        Look.random(rng, style="short", top="#1f4e79"),
        arms=("in", "forward"),
    )
    canvas.rect(630, 660, 650, 770, WOOD_DARK)
    canvas.ellipse(640, 772, 90, 12, WOOD_DARK)
    canvas.ellipse(640, 662, 300, 44, WOOD)
    canvas.polygon([(540, 652), (630, 644), (640, 664), (548, 672)], WHITE)
    canvas.polygon([(660, 646), (740, 642), (748, 662), (664, 668)], "#f6e3a1")
    canvas.line([(700, 646), (730, 630)], INK, 5)
    cup(canvas, 430, 660, AMBER)
    cup(canvas, 860, 660, WHITE)
    return canvas.result()


def workshop(rng):
    """Beteiligung: people stand around a pinboard with coloured cards; one adds a card."""
    canvas = Canvas()
    room(canvas, "#f3ead9", floor_y=560)
    big_window(canvas, 50, 80, 270, 360)
    big_window(canvas, 930, 80, 1150, 360)
    pinboard(canvas, 360, 170, 840, 480, rng)
    figure(canvas, rng, 640, 720, 250, "long", GREEN, arms=("down", "up"), held=holding_card(CORAL))
    positions = [
        (220, 740, ("down", "forward")),
        (400, 790, ("hip", "down")),
        (880, 790, ("forward", "down")),
        (1040, 740, ("down", "wave")),
    ]
    for x, base, arms in positions:
        person(canvas, x, base, 260, Look.random(rng), arms=arms)
    figure(canvas, rng, 760, 790, 150, "curly", AMBER, arms=("up", "down"), child=True)
    return canvas.result()


def library(rng):
    """Bibliothek: full shelves, a long table where people write in notebooks, a child
    among them."""
    canvas = Canvas()
    room(canvas, "#efe4d0", floor_y=540)
    for x in (30, 320, 890):
        bookshelf(canvas, x, 60, x + 280, 540, rng)
    big_window(canvas, 640, 100, 820, 380)
    pendant(canvas, 400, 250)
    pendant(canvas, 800, 250, GREEN)
    xs = [230, 420, 600, 780, 970]
    looks = [
        Look.random(rng, style="long", top=CORAL),
        Look.random(rng, style="curly", top=AMBER, hair="#2b1d14"),
        Look.random(rng, style="scarf", top=GREEN),
        Look.random(rng, style="short", top="#1f4e79"),
        Look.random(rng, style="bald", top=CORAL),
    ]
    for i, (x, look) in enumerate(zip(xs, looks, strict=True)):
        h = 200 if i == 1 else 260
        chair_back(canvas, x, 780, h, [GREEN, AMBER, CORAL][i % 3])
        seated(canvas, x, 780, h, look, arms=("in", "forward") if i % 2 else ("forward", "in"))
    table(canvas, 150, 1050, 700, 780)
    for x in xs:
        canvas.polygon([(x - 50, 688), (x, 682), (x, 698), (x - 50, 702)], WHITE)
        canvas.polygon([(x, 682), (x + 50, 688), (x + 50, 702), (x, 698)], CREAM)
        canvas.line([(x + 22, 686), (x + 44, 670)], INK, 4)
    return canvas.result()


def hall(rng):
    """Stadtteilkonferenz: a hall with rows of people seen from behind, a speaker next to
    a screen showing a plan of the district."""
    canvas = Canvas()
    room(canvas, "#ece6da", floor_y=520)
    canvas.rect(360, 60, 860, 350, WHITE, radius=4)
    canvas.rect(380, 80, 840, 330, "#e9efe4")
    canvas.polygon(
        [(400, 300), (540, 150), (680, 260), (820, 110), (820, 310), (400, 310)], "#cfe0d2"
    )
    for x, y, colour in ((480, 220, CORAL), (620, 180, AMBER), (760, 250, GREEN)):
        canvas.circle(x, y, 20, colour)
    canvas.line([(420, 290), (540, 230), (680, 270), (800, 170)], GREEN_DARK, 6)
    big_window(canvas, 70, 80, 270, 360)
    canvas.rect(900, 400, 970, 540, WOOD, radius=4)
    figure(canvas, rng, 1040, 560, 230, "short", GREEN, dress=False, arms=("wave", "down"))
    plant(canvas, 1150, 540, 1.0)
    for row, (base, h, count, offset) in enumerate([(690, 220, 6, 80), (820, 260, 5, 30)]):
        for i in range(count):
            x = offset + i * (1160 / count) + 60
            canvas.rect(
                x - h * 0.2,
                base - h * 0.42,
                x + h * 0.2,
                base - h * 0.3,
                [GREEN, AMBER, CORAL][(i + row) % 3],
                radius=6,
            )
            _back_view(canvas, x, base, h, Look.random(rng))
    return canvas.result()


def _back_view(canvas, x, base, h, look):
    """Head and shoulders of a seated person seen from behind (an audience)."""
    r = h * 0.1
    canvas.rect(
        x - h * 0.17, base - h * 0.62, x + h * 0.17, base - h * 0.2, look.top, radius=h * 0.08
    )
    head = look.hair if look.style not in ("bald",) else look.skin
    canvas.circle(x, base - h * 0.7, r, head)
    if look.style == "bun":
        canvas.circle(x, base - h * 0.78, r * 0.5, look.hair)


def homework(rng):
    """Lernwerkstatt: a child and a learning mentor bend over an exercise book at a desk
    with a lamp; shelves with games and a world map behind them."""
    canvas = Canvas()
    room(canvas, "#e9f0e6", floor_y=540)
    big_window(canvas, 830, 90, 1130, 380)
    canvas.rect(80, 90, 480, 330, "#cfe3e0", radius=6)
    for cx, cy, rx, ry in (
        (170, 170, 60, 40),
        (300, 200, 80, 60),
        (420, 160, 40, 30),
        (210, 270, 40, 30),
    ):
        canvas.ellipse(cx, cy, rx, ry, GRASS)
    canvas.rect(80, 360, 480, 540, WOOD, radius=4)
    for i, colour in enumerate([CORAL, AMBER, GREEN, "#1f4e79", PEACH, RED]):
        x = 100 + i * 62
        canvas.rect(x, 380, x + 52, 440 + (i % 2) * 20, colour, radius=4)
    canvas.rect(96, 470, 464, 476, WOOD_DARK)
    chair_back(canvas, 540, 790, 340, GREEN)
    seated(canvas, 540, 790, 340, Look.random(rng, style="long", top=CORAL), arms=("forward", "in"))
    chair_back(canvas, 780, 790, 250, AMBER)
    seated(
        canvas,
        780,
        790,
        250,
        Look.random(rng, style="curly", top=AMBER, hair="#2b1d14"),
        arms=("in", "forward"),
    )
    table(canvas, 340, 1000, 670, 790)
    canvas.polygon([(580, 658), (660, 648), (660, 672), (580, 676)], WHITE)
    canvas.polygon([(660, 648), (740, 658), (740, 676), (660, 672)], CREAM)
    canvas.line([(700, 654), (726, 634)], INK, 5)
    canvas.line([(400, 662), (380, 570), (430, 520)], INK, 7)
    canvas.chord(444, 540, 48, 36, 180, 360, AMBER)
    canvas.ellipse(444, 542, 22, 8, "#fff1c1")
    canvas.ellipse(400, 664, 30, 8, INK)
    cup(canvas, 900, 664, CORAL)
    plant(canvas, 1100, 620, 1.2)
    return canvas.result()
