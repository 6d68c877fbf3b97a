"""The offices themselves: a neighbourhood office in a row of shops, and a new
neighbourhood and family centre. Each function takes a seeded random generator and
returns the finished picture."""

from .canvas import (
    AMBER,
    CORAL,
    CREAM,
    GLASS,
    GRASS,
    GREEN,
    INK,
    LEAF_LIGHT,
    PAVEMENT,
    RED,
    TERRACOTTA,
    WHITE,
    WIDTH,
    WOOD,
    WOOD_DARK,
    Canvas,
    bench,
    bush,
    cloud,
    ground,
    house,
    sky,
    sun,
    tree,
    window,
)
from .figures import (
    Look,
    figure,
    holding_brush,
    seated,
)


def bicycle(canvas, x, base, colour=CORAL):
    for cx in (x - 50, x + 50):
        canvas.ring(cx, base - 40, 40, 40, INK, 5)
    canvas.line([(x - 50, base - 40), (x - 10, base - 70), (x + 50, base - 40)], colour, 8)
    canvas.line([(x - 10, base - 70), (x - 14, base - 92)], INK, 6)
    canvas.line([(x + 36, base - 74), (x + 44, base - 96)], INK, 5)


def shop(canvas, x0, x1, base, kind):
    """A neighbouring shop window: a hairdresser (striped pole) or a flower shop."""
    canvas.rect(x0, base - 130, x1, base, CREAM)
    canvas.rect(x0 + 20, base - 110, x1 - 20, base - 20, GLASS)
    if kind == "hairdresser":
        canvas.rect(x1 - 60, base - 120, x1 - 40, base - 30, WHITE, radius=8)
        for y in range(int(base - 114), int(base - 40), 22):
            canvas.polygon(
                [(x1 - 60, y + 10), (x1 - 40, y), (x1 - 40, y + 8), (x1 - 60, y + 18)], RED
            )
        # A big pair of scissors: two finger rings, two crossed blades.
        for ring_x, tip_x in ((x0 + 66, x0 + 140), (x0 + 114, x0 + 40)):
            canvas.polygon(
                [(ring_x - 4, base - 50), (ring_x + 4, base - 50), (tip_x, base - 104)], INK
            )
            canvas.circle(ring_x, base - 38, 14, INK)
            canvas.circle(ring_x, base - 38, 7, GLASS)
    else:
        for i, colour in enumerate([CORAL, AMBER, "#e88bb0", WHITE, CORAL]):
            cx = x0 + 50 + i * (x1 - x0 - 100) / 4
            canvas.rect(cx - 18, base - 44, cx + 18, base - 14, TERRACOTTA, radius=4)
            canvas.circle(cx, base - 60, 22, LEAF_LIGHT)
            canvas.circle(cx, base - 66, 12, colour)


def office_front(rng, facade="#f2d7b6", awning=GREEN):
    """A neighbourhood office at street level between a hairdresser and a flower shop:
    shop window with posters, open door, a bench and a bicycle in front."""
    canvas = Canvas()
    sky(canvas)
    cloud(canvas, 220, 90, 0.8)
    sun(canvas, 1060, 100, 40)
    house(canvas, -40, 560, 300, 430, "#e9b99a", TERRACOTTA, floors=3, columns=2, gable=False)
    house(canvas, 940, 560, 300, 400, "#cfe0d2", RED, floors=3, columns=2, gable=False)
    shop(canvas, 0, 250, 560, "hairdresser")
    shop(canvas, 950, WIDTH, 560, "flowers")
    canvas.rect(260, 90, 940, 560, facade)
    canvas.rect(250, 80, 950, 100, "#9b8f80")
    for floor in range(3):
        for column in range(4):
            window(canvas, 300 + column * 165, 130 + floor * 100, 70, 64)
    canvas.rect(260, 400, 940, 560, CREAM)
    canvas.polygon([(250, 380), (950, 380), (980, 440), (220, 440)], awning)
    for x in range(250, 950, 70):
        canvas.polygon([(x, 440), (x + 35, 440), (x + 17, 458)], awning)
    canvas.rect(300, 460, 600, 560, GLASS)
    canvas.rect(340, 476, 420, 540, AMBER, radius=4)
    canvas.circle(380, 496, 14, WHITE)
    canvas.rect(440, 476, 560, 510, WHITE, radius=4)
    canvas.rect(440, 518, 520, 540, CORAL, radius=4)
    canvas.rect(660, 456, 760, 560, WOOD_DARK, radius=4)
    canvas.rect(672, 468, 748, 540, "#ffe39a")
    canvas.rect(800, 460, 900, 540, GLASS)
    ground(canvas, 560, PAVEMENT, kerb="#c9bda8")
    bench(canvas, 330, 650, 170)
    bicycle(canvas, 910, 680)
    bush(canvas, 600, 640, 1.0, flowers=[CORAL, AMBER])
    figure(canvas, rng, 700, 720, 185, "scarf", GREEN, dress=True, arms=("down", "wave"))
    seated(canvas, 400, 650, 163, Look.random(rng, style="curly", top=AMBER), arms=("down", "in"))
    figure(canvas, rng, 1080, 760, 180, "cap", CORAL, arms=("forward", "down"), stride=0.4)
    return canvas.result()


def family_centre(rng):
    """A new neighbourhood and family centre: wood and glass, a ramp to the entrance,
    children's drawings in the windows, a pram and a sandpit in front."""
    canvas = Canvas()
    sky(canvas)
    sun(canvas, 140, 100, 40)
    cloud(canvas, 980, 110)
    for x in (60, 1140):
        tree(canvas, x, 560, 1.5)
    canvas.rect(160, 180, 1040, 560, "#e9dcc6")
    canvas.rect(150, 160, 1050, 186, "#9b8f80")
    for x in range(170, 1040, 40):
        canvas.rect(x, 186, x + 22, 330, WOOD)
    for i, x in enumerate(range(200, 1000, 200)):
        canvas.rect(x, 360, x + 160, 530, GLASS)
        canvas.rect(x + 76, 360, x + 84, 530, WHITE)
        drawing = [AMBER, CORAL, GREEN, "#e88bb0"][i % 4]
        canvas.rect(x + 16, 380, x + 64, 430, WHITE)
        canvas.circle(x + 40, 400, 12, drawing)
        canvas.rect(x + 20, 414, x + 60, 424, GREEN)
    canvas.rect(560, 380, 640, 560, WOOD_DARK, radius=4)
    canvas.rect(572, 392, 628, 548, "#ffe39a")
    canvas.rect(180, 210, 520, 300, GLASS)
    canvas.rect(680, 210, 1020, 300, GLASS)
    ground(canvas, 560, PAVEMENT, kerb="#c9bda8")
    canvas.polygon([(640, 560), (900, 560), (900, 600), (640, 572)], "#c9bda8")
    canvas.line([(640, 540), (900, 580)], INK, 5)
    canvas.rect(640, 540, 646, 572, INK)
    canvas.rect(894, 580, 900, 604, INK)
    canvas.rect(0, 640, 420, 800, GRASS)
    canvas.ellipse(220, 720, 160, 50, "#f1d9a2")
    figure(canvas, rng, 180, 730, 100, "curly", AMBER, arms=("up", "forward"), child=True)
    figure(canvas, rng, 280, 740, 95, "short", CORAL, arms=("forward", "down"), child=True)
    pram(canvas, 700, 740)
    figure(canvas, rng, 850, 740, 190, "long", GREEN, dress=False, arms=("forward", "down"))
    figure(canvas, rng, 1000, 730, 185, "bald", "#1f4e79", arms=("wave", "down"))
    figure(canvas, rng, 1090, 740, 110, "bun", CORAL, arms=("up", "down"), child=True)
    bush(canvas, 480, 640, 1.1, flowers=[CORAL, WHITE])
    return canvas.result()


def pram(canvas, x, base):
    canvas.chord(x, base - 60, 60, 50, 180, 360, CORAL)
    canvas.rect(x - 60, base - 64, x + 60, base - 36, CORAL, radius=10)
    canvas.line([(x + 56, base - 60), (x + 90, base - 110)], INK, 5)
    for cx in (x - 40, x + 40):
        canvas.circle(cx, base - 14, 14, INK)
        canvas.circle(cx, base - 14, 5, WHITE)


def renovation(rng):
    """Hof- und Fassadenprogramm: a house with scaffolding, a painter, a new ramp."""
    canvas = Canvas()
    sky(canvas)
    sun(canvas, 1080, 110, 40)
    cloud(canvas, 820, 90, 0.9)
    house(canvas, 140, 620, 560, 460, "#f3c98b", RED, floors=4, columns=4, door=False)
    canvas.rect(140, 160, 420, 620, "#e0d3bd")
    for x in (150, 270, 390):
        canvas.rect(x, 150, x + 8, 620, "#8d867b")
    for y in range(240, 620, 110):
        canvas.rect(140, y, 430, y + 10, WOOD)
        canvas.line([(150, y), (270, y - 110)], "#8d867b", 4)
    figure(
        canvas,
        rng,
        230,
        460,
        120,
        "cap",
        WHITE,
        bottom="#3b3b3b",
        arms=("down", "up"),
        held=holding_brush(AMBER),
    )
    canvas.rect(500, 500, 590, 620, WOOD_DARK, radius=4)
    canvas.polygon(
        [(470, 620), (480, 620), (600, 620), (600, 626), (820, 660), (470, 660)], "#c9bda8"
    )
    canvas.line([(600, 596), (820, 636)], INK, 5)
    canvas.rect(600, 600, 606, 660, INK)
    canvas.rect(814, 636, 820, 660, INK)
    ground(canvas, 660, PAVEMENT, kerb="#c9bda8")
    figure(canvas, rng, 920, 760, 185, "bald", GREEN, arms=("down", "forward"))
    figure(canvas, rng, 1060, 750, 175, "long", CORAL, dress=True, arms=("wave", "down"))
    tree(canvas, 1000, 660, 1.3)
    bush(canvas, 80, 660, 1.2, flowers=[AMBER, WHITE])
    return canvas.result()
