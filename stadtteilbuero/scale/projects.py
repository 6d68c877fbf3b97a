"""Projects and ISEK measures of every office over the years, with themes and partners."""

import datetime
from decimal import Decimal

from projects.models import Partner, Project, ProjectPartner, Theme

from .common import TOPICS, Context, bulk, spread


def generate(ctx: Context) -> str:
    rng = ctx.rng
    themes = list(Theme.objects.order_by("pk"))
    partners = list(Partner.objects.order_by("pk"))
    projects = []
    for office, count in zip(
        ctx.offices, spread(ctx.counts["projects"], len(ctx.offices)), strict=True
    ):
        for number in range(1, count + 1):
            start = ctx.today - datetime.timedelta(days=rng.randint(-180, 8 * 365))
            end = (
                start + datetime.timedelta(days=rng.randint(30, 3 * 365))
                if rng.random() < 0.8
                else None
            )
            measure = rng.random() < 0.1
            projects.append(
                Project(
                    office=office,
                    title=f"{rng.choice(TOPICS)} {office.district} {number}",
                    slug=f"{office.slug}-projekt-{number}",
                    kind=Project.Kind.MEASURE if measure else Project.Kind.PROJECT,
                    summary=ctx.text(2),
                    description=ctx.text(4),
                    start_date=start,
                    end_date=end,
                    is_published=rng.random() < 0.95,
                    is_featured=rng.random() < 0.02,
                    number=f"{office.code}/{number}" if measure else "",
                    costs=Decimal(rng.randint(20, 2000) * 1000) if measure else None,
                    priority=rng.choice(Project.Priority.values) if measure else "",
                    financing="Städtebauförderung" if measure else "",
                    start_year=start.year if measure else None,
                    created_by=ctx.staff[office.pk],
                )
            )
    projects = bulk(Project, projects)
    theme_rows = []
    partner_rows = []
    concern_rows = []
    office_ids = [office.pk for office in ctx.offices]
    for project in projects:
        ctx.projects_by_office.setdefault(project.office_id, []).append(project.pk)
        for theme in rng.sample(themes, min(len(themes), rng.randint(1, 3))):
            theme_rows.append(Project.themes.through(project_id=project.pk, theme_id=theme.pk))
        if partners and rng.random() < 0.3:
            partner = rng.choice(partners)
            partner_rows.append(ProjectPartner(project=project, partner=partner, role="Partner"))
        if project.kind == Project.Kind.MEASURE and len(office_ids) > 1:
            # A measure also concerns the neighbouring district (the next office).
            neighbour = office_ids[(office_ids.index(project.office_id) + 1) % len(office_ids)]
            concern_rows.append(
                Project.also_concerns.through(project_id=project.pk, office_id=neighbour)
            )
    bulk(Project.themes.through, theme_rows)
    bulk(ProjectPartner, partner_rows)
    bulk(Project.also_concerns.through, concern_rows)
    return f"{len(projects)} projects"
