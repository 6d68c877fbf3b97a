"""Scenes outside: streets, squares, gardens and fields of a neighbourhood. Each function
takes a seeded random generator and returns the finished picture."""

from .canvas import (
    AMBER,
    CORAL,
    GREEN,
    GREEN_DARK,
    HEIGHT,
    INK,
    PAVEMENT,
    PEACH,
    RED,
    ROAD,
    SKY,
    SKY_WARM,
    WHITE,
    WIDTH,
    WOOD,
    WOOD_DARK,
    Canvas,
    bench,
    bunting,
    cloud,
    ground,
    houses,
    lamp_post,
    sky,
    sun,
    tree,
)
from .figures import (
    Look,
    ball,
    crowd,
    deckchair,
    figure,
    holding_brush,
    holding_map,
    parasol,
    person,
    seated,
)


def street(rng):
    """Wohnstraße: houses, trees on the pavement, people walking, a bench."""
    canvas = Canvas()
    sky(canvas)
    sun(canvas, 980, 120)
    cloud(canvas, 260, 120)
    cloud(canvas, 700, 80, 0.7)
    houses(canvas, rng, 560)
    ground(canvas, 560, PAVEMENT, kerb="#c9bda8")
    canvas.rect(0, 690, WIDTH, HEIGHT, ROAD)
    canvas.rect(0, 682, WIDTH, 692, "#b9ad98")
    for x in range(40, WIDTH, 160):
        canvas.rect(x, 740, x + 80, 750, "#f3efe6")
    for x in (120, 620, 1090):
        tree(canvas, x, 600, 1.25)
    lamp_post(canvas, 380, 610)
    bench(canvas, 800, 612)
    seated(canvas, 840, 612, 163, Look.random(rng, style="bald", top=GREEN))
    figure(canvas, rng, 250, 650, 180, "long", CORAL, arms=("down", "out"))
    figure(canvas, rng, 330, 652, 110, "curly", AMBER, arms=("out", "down"), child=True)
    figure(canvas, rng, 520, 640, 175, "scarf", "#6b2a5c", dress=True)
    figure(canvas, rng, 960, 656, 185, "cap", "#1f4e79", arms=("wave", "down"))
    return canvas.result()


def beach(rng):
    """Nordstadtstrand: sand between the houses, deck chairs, parasols, children playing."""
    canvas = Canvas()
    sky(canvas, "#cfe8ef", SKY_WARM)
    sun(canvas, 1030, 110, 52)
    cloud(canvas, 380, 90, 0.8)
    houses(canvas, rng, 470, low=240, high=360)
    ground(canvas, 470, PAVEMENT)
    canvas.polygon(
        [(0, 560), (300, 520), (700, 530), (WIDTH, 505), (WIDTH, HEIGHT), (0, HEIGHT)], "#f1d9a2"
    )
    canvas.polygon(
        [(0, 640), (400, 610), (800, 630), (WIDTH, 600), (WIDTH, HEIGHT), (0, HEIGHT)], "#ecd08f"
    )
    parasol(canvas, 260, 650, CORAL)
    parasol(canvas, 900, 640, GREEN)
    deckchair(canvas, 200, 700, AMBER)
    deckchair(canvas, 330, 705, GREEN)
    deckchair(canvas, 960, 690, CORAL)
    canvas.ellipse(620, 720, 90, 22, "#e2c27c")
    canvas.rect(570, 680, 610, 716, RED, radius=4)
    canvas.chord(590, 680, 26, 14, 180, 360, RED)
    figure(canvas, rng, 520, 740, 105, "curly", AMBER, arms=("up", "out"), child=True)
    figure(canvas, rng, 690, 735, 100, "short", GREEN, arms=("forward", "wave"), child=True)
    ball(canvas, 760, 640, 20)
    figure(canvas, rng, 1100, 700, 185, "long", CORAL, arms=("hip", "wave"))
    lamp_post(canvas, 60, 520, 220)
    return canvas.result()


def festival(rng):
    """Stadtteilfest: a small stage with bunting, a food stall, many people."""
    canvas = Canvas()
    sky(canvas, "#d9ecf0", SKY_WARM)
    cloud(canvas, 200, 90)
    cloud(canvas, 1000, 130, 0.7)
    houses(canvas, rng, 480, low=220, high=330)
    ground(canvas, 480, PAVEMENT)
    canvas.rect(640, 330, 1160, 540, GREEN_DARK)
    canvas.rect(620, 300, 1180, 336, AMBER, radius=4)
    canvas.rect(620, 540, 1180, 580, WOOD_DARK)
    for x in (760, 900, 1040):
        person(
            canvas,
            x,
            540,
            160,
            Look.random(rng, top=rng.choice([CORAL, AMBER, WHITE])),
            arms=("up", "out") if x == 900 else ("forward", "forward"),
        )
    canvas.rect(70, 380, 330, 560, WHITE)
    for i in range(6):
        canvas.rect(60 + i * 46, 360, 106 + i * 46, 400, CORAL if i % 2 else WHITE)
    figure(canvas, rng, 200, 560, 150, "cap", GREEN, arms=("forward", "down"))
    canvas.rect(60, 500, 340, 570, WOOD, radius=4)
    for x in (100, 150, 250, 300):
        canvas.circle(x, 494, 12, [AMBER, CORAL, PEACH, RED][x % 4])
    bunting(canvas, 0, 150, 600, 190, 60)
    bunting(canvas, 600, 190, WIDTH, 140, 50)
    for row, (y, h) in enumerate([(650, 175), (770, 205)]):
        xs = [90 + i * 190 + row * 90 for i in range(6)]
        crowd(canvas, rng, xs, y, h)
    figure(canvas, rng, 1130, 720, 110, "curly", AMBER, arms=("up", "up"), child=True)
    return canvas.result()


def mural(rng):
    """Street-Art: a large colourful wall painting and young people painting it."""
    canvas = Canvas()
    sky(canvas)
    canvas.rect(0, 120, WIDTH, 620, "#e8dccb")
    canvas.rect(0, 110, WIDTH, 126, "#b5a58f")
    canvas.circle(300, 380, 180, AMBER)
    canvas.circle(300, 380, 120, CORAL)
    canvas.polygon([(420, 600), (640, 200), (860, 600)], GREEN)
    canvas.polygon([(560, 600), (760, 300), (960, 600)], "#3d7a8a")
    canvas.ellipse(900, 260, 140, 80, PEACH)
    for i, colour in enumerate([RED, AMBER, GREEN, "#6b2a5c"]):
        canvas.line([(80 + i * 26, 600), (140 + i * 26, 160)], colour, 14)
    canvas.circle(1060, 460, 70, "#6b2a5c")
    canvas.circle(1060, 460, 34, SKY)
    ground(canvas, 620, PAVEMENT, kerb="#c9bda8")
    for x, colour in ((520, CORAL), (560, GREEN), (600, AMBER)):
        canvas.rect(x, 700, x + 32, 740, colour, radius=4)
        canvas.rect(x - 2, 694, x + 34, 702, "#00000030")
    figure(canvas, rng, 380, 740, 185, "cap", GREEN, arms=("down", "up"), held=holding_brush(CORAL))
    figure(
        canvas,
        rng,
        820,
        745,
        180,
        "long",
        AMBER,
        arms=("forward", "up"),
        held=holding_brush("#3d7a8a"),
    )
    figure(
        canvas,
        rng,
        1040,
        760,
        110,
        "curly",
        CORAL,
        arms=("up", "forward"),
        child=True,
        held=holding_brush(AMBER),
    )
    return canvas.result()


def walk(rng):
    """Stadtteilrundgang: a group on the pavement looks at a map, a guide points."""
    canvas = Canvas()
    sky(canvas)
    sun(canvas, 140, 110, 40)
    cloud(canvas, 900, 100)
    houses(canvas, rng, 540, low=280, high=400)
    ground(canvas, 540, PAVEMENT, kerb="#c9bda8")
    for x in range(0, WIDTH, 60):
        canvas.rect(x, 600, x + 58, 602, "#cbbfa9")
        canvas.rect(x, 680, x + 58, 682, "#cbbfa9")
    tree(canvas, 80, 590, 1.3)
    tree(canvas, 1130, 590, 1.3)
    figure(
        canvas,
        rng,
        300,
        700,
        190,
        "short",
        GREEN,
        dress=False,
        arms=("wave", "forward"),
        held=holding_map,
        stride=0.3,
    )
    crowd(canvas, rng, [480, 590, 700, 810, 920], 720, 180)
    figure(canvas, rng, 1030, 740, 110, "bun", CORAL, arms=("down", "up"), child=True)
    canvas.rect(940, 420, 946, 590, INK)
    canvas.rect(900, 400, 990, 440, GREEN, radius=6)
    canvas.polygon([(990, 404), (1010, 420), (990, 436)], GREEN)
    return canvas.result()


def evening_lights(rng):
    """Ins Licht gerückt: house fronts at night, lit in colours by projectors."""
    canvas = Canvas("#1d2a3a")
    sky(canvas, "#142033", "#3a3550", 520)
    for _ in range(40):
        canvas.circle(rng.uniform(0, WIDTH), rng.uniform(10, 260), rng.uniform(1, 2.5), "#fff6d0")
    canvas.circle(1050, 110, 40, "#fff1c1")
    x = -20
    for w, h, glow in [
        (220, 360, CORAL),
        (200, 420, AMBER),
        (240, 330, "#7fc7b8"),
        (210, 400, "#c78ad6"),
        (240, 350, AMBER),
    ]:
        canvas.rect(x, 560 - h, x + w, 560, "#3b3f55")
        canvas.polygon([(x + 10, 560), (x + w / 2, 560 - h + 20), (x + w - 10, 560)], glow + "66")
        canvas.circle(x + w / 2, 560 - h * 0.6, w * 0.22, glow + "88")
        for floor in range(int(h // 100)):
            for column in range(2):
                wx, wy = x + 40 + column * (w / 2), 560 - h + 40 + floor * 100
                canvas.rect(
                    wx, wy, wx + 44, wy + 54, "#ffe39a" if rng.random() < 0.4 else "#2a2e40"
                )
        x += w + 10
    ground(canvas, 560, "#2c2b35")
    for px, colour in ((260, AMBER), (780, "#7fc7b8")):
        canvas.polygon([(px, 640), (px - 120, 300), (px + 120, 300)], colour + "30")
        canvas.rect(px - 24, 630, px + 24, 660, INK, radius=4)
    for x in (420, 520, 620, 960, 1060):
        person(
            canvas,
            x,
            740 + rng.uniform(-20, 20),
            180,
            Look.random(rng, top=rng.choice(["#3d5a80", "#6b2a5c", "#5b6b3a", RED])),
        )
    return canvas.result()


def art_action(rng):
    """Nord.Pol: neighbours paint together on big boards on easels in a square."""
    canvas = Canvas()
    sky(canvas)
    cloud(canvas, 900, 90)
    houses(canvas, rng, 470, low=240, high=340)
    ground(canvas, 470, PAVEMENT)
    bunting(canvas, 0, 120, WIDTH, 110, 70)
    tree(canvas, 1120, 520, 1.3)
    motifs = [(AMBER, CORAL), (GREEN, "#9fd3c7"), (CORAL, "#6b2a5c")]
    for i, x in enumerate((250, 600, 950)):
        canvas.line([(x - 80, 700), (x - 40, 430)], WOOD_DARK, 8)
        canvas.line([(x + 80, 700), (x + 40, 430)], WOOD_DARK, 8)
        canvas.line([(x, 680), (x, 430)], WOOD_DARK, 8)
        canvas.rect(x - 110, 420, x + 110, 600, WHITE)
        main, accent = motifs[i]
        canvas.circle(x - 30, 500, 50, main)
        canvas.polygon([(x + 10, 590), (x + 60, 460), (x + 100, 590)], accent)
        canvas.rect(x - 120, 600, x + 120, 612, WOOD)
    poses = [("down", "up"), ("forward", "up"), ("down", "up")]
    for i, x in enumerate((130, 480, 830)):
        look = Look.random(rng, style=["scarf", "curly", "bun"][i], top=[GREEN, AMBER, CORAL][i])
        person(
            canvas, x, 760, 200, look, arms=poses[i], held=holding_brush([CORAL, GREEN, AMBER][i])
        )
    figure(canvas, rng, 700, 780, 120, "short", "#1f4e79", arms=("wave", "down"), child=True)
    crowd(canvas, rng, [1050], 780, 200)
    return canvas.result()
