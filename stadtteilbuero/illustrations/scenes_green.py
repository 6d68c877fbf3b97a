"""Green scenes: a community garden, flower beds in front of a block, a playground, a
meeting point for young people and a football pitch. Each function takes a seeded random
generator and returns the finished picture."""

from .canvas import (
    AMBER,
    CORAL,
    GRASS,
    GREEN,
    HEIGHT,
    INK,
    LEAF,
    LEAF_LIGHT,
    RED,
    SKY,
    SKY_WARM,
    TERRACOTTA,
    WHITE,
    WIDTH,
    WOOD,
    WOOD_DARK,
    Canvas,
    bench,
    block,
    bush,
    cloud,
    ground,
    houses,
    sky,
    sun,
    tree,
)
from .figures import (
    Look,
    ball,
    figure,
    holding_plant,
    person,
    raised_bed,
    seated,
    watering_can,
)


def garden(rng):
    """Gemeinschaftsgarten: raised beds in a courtyard, people planting and watering."""
    canvas = Canvas()
    sky(canvas, SKY, "#eaf2df")
    sun(canvas, 170, 120, 40)
    cloud(canvas, 860, 110, 0.8)
    canvas.rect(0, 180, WIDTH, 520, "#e9c7a8")
    for column in range(8):
        for floor in range(3):
            x, y = 60 + column * 145, 220 + floor * 100
            canvas.rect(x - 4, y - 4, x + 64, y + 64, WHITE, radius=3)
            canvas.rect(x, y, x + 60, y + 60, "#a9cfd0")
            if (column + floor) % 3 == 0:
                canvas.rect(x - 12, y + 60, x + 72, y + 78, LEAF_LIGHT, radius=8)
                canvas.circle(x + 4, y + 62, 8, CORAL)
                canvas.circle(x + 50, y + 62, 8, AMBER)
    ground(canvas, 520, GRASS)
    canvas.polygon([(480, HEIGHT), (560, 520), (640, 520), (760, HEIGHT)], "#e6d8bd")
    raised_bed(canvas, 80, 640, 300, crop="tomatoes")
    raised_bed(canvas, 820, 640, 300, crop="flowers")
    raised_bed(canvas, 170, 780, 260, h=80)
    raised_bed(canvas, 800, 790, 300, h=80)
    watering_can(canvas, 600, 760, CORAL)
    figure(canvas, rng, 480, 640, 180, "scarf", GREEN, arms=("forward", "down"), held=holding_plant)
    figure(canvas, rng, 700, 630, 175, "bun", AMBER, arms=("down", "forward"), held=holding_plant)
    figure(canvas, rng, 560, 700, 110, "short", CORAL, arms=("up", "down"), child=True)
    tree(canvas, 1160, 540, 1.1)
    bush(canvas, 40, 540, 1.1, flowers=[CORAL, AMBER, WHITE])
    return canvas.result()


def playground(rng):
    """Spielplatz: slide, swing, sandpit, a roofed seat in the background, children."""
    canvas = Canvas()
    sky(canvas, SKY, "#eef3dc")
    sun(canvas, 1050, 120, 42)
    cloud(canvas, 500, 100, 0.9)
    for x in range(-40, WIDTH, 180):
        tree(canvas, x + rng.uniform(0, 60), 430, rng.uniform(1.0, 1.4))
    ground(canvas, 420, GRASS)
    canvas.rect(760, 300, 1090, 322, GREEN, radius=6)
    for leg in (780, 1060):
        canvas.rect(leg, 318, leg + 10, 470, WOOD_DARK)
    bench(canvas, 820, 470, 200)
    canvas.ellipse(300, 690, 230, 70, "#f1d9a2")
    canvas.rect(130, 380, 142, 640, INK)
    canvas.rect(330, 380, 342, 640, INK)
    canvas.rect(122, 372, 350, 386, RED, radius=4)
    for x in (190, 280):
        canvas.line([(x, 386), (x, 560)], INK, 3)
        canvas.line([(x + 2, 386), (x + 2, 560)], INK, 3)
    canvas.rect(170, 556, 214, 568, AMBER, radius=3)
    canvas.rect(258, 556, 302, 568, GREEN, radius=3)
    figure(canvas, rng, 192, 566, 100, "long", CORAL, arms=("up", "up"), child=True)
    canvas.rect(600, 430, 720, 450, AMBER, radius=4)
    for leg in (600, 708):
        canvas.rect(leg, 450, leg + 12, 640, INK)
    for step in range(5):
        canvas.rect(586, 470 + step * 34, 612, 476 + step * 34, INK)
    canvas.polygon([(712, 432), (740, 432), (900, 620), (860, 640)], CORAL)
    figure(canvas, rng, 660, 430, 95, "curly", GREEN, arms=("up", "wave"), child=True)
    figure(canvas, rng, 420, 700, 105, "short", AMBER, arms=("down", "forward"), child=True)
    figure(canvas, rng, 1000, 720, 185, "bun", "#3d7a8a", arms=("wave", "down"))
    ball(canvas, 520, 740, 18)
    return canvas.result()


def football(rng):
    """Bolzplatz: a fenced small pitch, two goals, young people playing."""
    canvas = Canvas()
    sky(canvas, "#d3e8ee", SKY_WARM)
    houses(canvas, rng, 380, low=200, high=300)
    ground(canvas, 380, "#5aa069")
    canvas.polygon([(140, 420), (1060, 420), (1180, 780), (20, 780)], "#4f9a5f")
    canvas.line([(140, 420), (1060, 420), (1180, 780), (20, 780), (140, 420)], WHITE, 5)
    canvas.line([(600, 420), (600, 780)], WHITE, 5)
    canvas.ring(600, 590, 90, 50, WHITE, 5)
    for x0, x1 in ((60, 200), (1000, 1140)):
        canvas.line([(x0, 600), (x0, 480), (x1, 480), (x1, 600)], WHITE, 8)
    for x in range(0, WIDTH, 30):
        canvas.line([(x, 300), (x, 420)], "#6f8f86", 2)
    canvas.line([(0, 300), (WIDTH, 300)], "#6f8f86", 4)
    canvas.line([(0, 420), (WIDTH, 420)], "#6f8f86", 4)
    poses = [
        ("up", "out"),
        ("out", "forward"),
        ("down", "wave"),
        ("forward", "out"),
        ("out", "down"),
    ]
    for i, x in enumerate([260, 450, 640, 820, 980]):
        top = AMBER if i % 2 else GREEN
        person(
            canvas,
            x,
            660 + (i % 2) * 60,
            170,
            Look.random(rng, top=top, dress=False),
            arms=poses[i],
            stride=0.6 if i % 2 else 0.9,
        )
    ball(canvas, 560, 700, 16)
    return canvas.result()


def flower_beds(rng):
    """Sahlkamp blüht: residents of all ages hold plant pots in front of fresh flower
    beds and an apartment block."""
    canvas = Canvas()
    sky(canvas, SKY, "#eef3dc")
    sun(canvas, 1080, 100, 40)
    cloud(canvas, 330, 80, 0.8)
    block(canvas, 60, 500, 520, 400, "#e8c7c1", rng)
    block(canvas, 640, 500, 500, 340, "#f6e3a1", rng)
    ground(canvas, 500, GRASS)
    for cx, cy, rx in ((250, 560, 220), (900, 560, 240)):
        canvas.ellipse(cx, cy, rx, 36, "#8a5a3a")
        for i in range(int(rx // 22)):
            fx = cx - rx + 30 + i * 40
            canvas.line([(fx, cy), (fx, cy - 28)], LEAF, 4)
            canvas.circle(fx, cy - 32, 10, [CORAL, AMBER, "#e88bb0", WHITE][i % 4])
    looks = [
        ("scarf", CORAL),
        ("bald", GREEN),
        ("long", AMBER),
        ("cap", "#1f4e79"),
        ("bun", GREEN),
        ("curly", CORAL),
    ]
    for i, (style, top) in enumerate(looks):
        x = 140 + i * 190
        child = i in (2, 5)
        figure(
            canvas,
            rng,
            x,
            740 - (i % 2) * 30,
            120 if child else 200,
            style,
            top,
            arms=("forward", "down"),
            child=child,
            held=holding_plant,
        )
    watering_can(canvas, 1120, 780, CORAL)
    return canvas.result()


def meeting_point(rng):
    """Treffpunkt draußen: a wooden shelter with benches on a meadow, young people sit
    and talk, a basketball hoop beside it."""
    canvas = Canvas()
    sky(canvas, "#d3e8ee", SKY_WARM)
    sun(canvas, 200, 110, 44)
    for x in (700, 860, 1020, 1180):
        tree(canvas, x, 430, 1.3)
    ground(canvas, 420, GRASS)
    canvas.ellipse(520, 630, 440, 80, "#d9cdb5")
    canvas.polygon([(230, 250), (780, 250), (850, 330), (160, 330)], TERRACOTTA)
    for x in (200, 780):
        canvas.rect(x, 330, x + 16, 620, WOOD_DARK)
    bench(canvas, 260, 620, 220, WOOD)
    bench(canvas, 540, 620, 220, WOOD)
    seated(canvas, 320, 620, 163, Look.random(rng, style="cap", top=GREEN), arms=("down", "in"))
    seated(
        canvas, 420, 620, 163, Look.random(rng, style="long", top=AMBER), arms=("forward", "down")
    )
    seated(canvas, 640, 620, 163, Look.random(rng, style="curly", top=CORAL), arms=("wave", "down"))
    figure(canvas, rng, 520, 700, 190, "scarf", "#6b2a5c", arms=("hip", "forward"))
    canvas.rect(1000, 300, 1012, 700, INK)
    canvas.rect(960, 280, 1060, 350, WHITE, radius=4)
    canvas.ring(1000, 358, 25, 8, CORAL, 4)
    figure(canvas, rng, 900, 740, 195, "short", AMBER, arms=("up", "up"), stride=0.4)
    canvas.circle(950, 470, 22, CORAL)
    return canvas.result()
