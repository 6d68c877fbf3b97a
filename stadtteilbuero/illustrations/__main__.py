"""Draw the demo illustrations again: `python -m stadtteilbuero.illustrations [name ...]`.

Each picture comes from its own seed, so the same code draws the same picture. Saved as
lossy WebP (flat colours compress well: about 20 to 40 KB for 1200 × 800 px).
"""

import random
import sys
from functools import partial

from . import ALT_TEXTS, DIRECTORY, path
from .canvas import GREEN, TERRACOTTA
from .scenes_buildings import family_centre, office_front, renovation
from .scenes_green import flower_beds, football, garden, meeting_point, playground
from .scenes_indoor import cafe, counselling, hall, homework, library, workshop
from .scenes_outdoor import art_action, beach, evening_lights, festival, mural, street, walk

SCENES = {
    "strasse": street,
    "buero-gruen": partial(office_front, awning=GREEN),
    "buero-terrakotta": partial(office_front, facade="#f6e3a1", awning=TERRACOTTA),
    "familienzentrum": family_centre,
    "sanierung": renovation,
    "garten": garden,
    "beete": flower_beds,
    "spielplatz": playground,
    "treffpunkt": meeting_point,
    "bolzplatz": football,
    "strand": beach,
    "stadtteilfest": festival,
    "kunstaktion": art_action,
    "wandbild": mural,
    "rundgang": walk,
    "lichtkunst": evening_lights,
    "cafe": cafe,
    "beratung": counselling,
    "pinnwand": workshop,
    "lernen": homework,
    "bibliothek": library,
    "saal": hall,
}


def draw(name):
    picture = SCENES[name](random.Random(name))
    picture.save(path(name), format="WEBP", quality=82, method=6)
    return path(name).stat().st_size


def main(names):
    if set(SCENES) != set(ALT_TEXTS):
        sys.exit(f"Scene or alt text missing: {sorted(set(SCENES) ^ set(ALT_TEXTS))}")
    if unknown := set(names) - set(SCENES):
        sys.exit(f"Unknown pictures: {sorted(unknown)}")
    DIRECTORY.mkdir(exist_ok=True)
    total = 0
    for name in names or SCENES:
        size = draw(name)
        total += size
        print(f"{path(name).name}: {size // 1024} KB")
    print(f"total: {total // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
