"""Projects of the offices and ISEK measures (Maßnahmen of an integrated urban
development concept), with themes (Handlungsfelder), partners and an image gallery.

One module per concern; the names are re-exported here so imports stay
`from projects.models import Project`.
"""

# In the order of the former models.py, so Django registers the models as before.
# isort: off
from .measures import LIST_HELP, ProjectMeasure, lines
from .themes import Partner, Theme
from .project import Project, ProjectQuerySet
from .parts import GalleryImage, GalleryImageQuerySet, ProjectPartner, ProjectPartnerQuerySet
# isort: on

__all__ = [
    "LIST_HELP",
    "GalleryImage",
    "GalleryImageQuerySet",
    "Partner",
    "Project",
    "ProjectMeasure",
    "ProjectPartner",
    "ProjectPartnerQuerySet",
    "ProjectQuerySet",
    "Theme",
    "lines",
]
