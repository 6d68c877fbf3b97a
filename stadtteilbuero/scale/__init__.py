"""City-scale test data (`manage.py generate_scale_data`): many offices with years of
projects, events and fund applications, on top of the demo data. One module per app."""

from importlib import import_module

# The apps whose scale data is generated, in dependency order.
SCALE_MODULES = [
    "stadtteilbuero.scale.offices",
    "stadtteilbuero.scale.projects",
    "stadtteilbuero.scale.events",
    "stadtteilbuero.scale.fonds",
]


def generate(ctx, report=print) -> None:
    for module_name in SCALE_MODULES:
        report(f"{module_name.rsplit('.', 1)[1]}: {import_module(module_name).generate(ctx)}")
