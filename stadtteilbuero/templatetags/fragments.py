"""{% fragment "name" var ... %}…{% endfragment %}: a section of a page kept in the cache.

Sections that cost queries and rendering (the hours and sections of an office page, the
lists of the home page) are rendered once per content generation, language and the values
given (see `pagecache.fragment_key`), and live at most FRAGMENT_CACHE_SECONDS, since "open
now" and "upcoming" move with the clock. Their querysets are lazy, so a cached section
runs none of its queries. Logged-in users always get a fresh section (staff may see
more than the public), and a section must not hold a form with a CSRF token.
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe

from stadtteilbuero.pagecache import fragment_key, last_change

register = template.Library()


def _generation(request):
    """The content generation, read from the cache once per request (a list page has a
    fragment per row)."""
    if request is None:
        return last_change()
    if not hasattr(request, "_fragment_generation"):
        request._fragment_generation = last_change()
    return request._fragment_generation


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        if settings.FRAGMENT_CACHE_SECONDS <= 0 or (user and user.is_authenticated):
            return self.nodelist.render(context)
        vary_on = [value.resolve(context) for value in self.vary_on]
        key = fragment_key(self.name, vary_on, _generation(request))
        content = cache.get(key)
        if content is None:
            content = self.nodelist.render(context)
            cache.set(key, str(content), settings.FRAGMENT_CACHE_SECONDS)
        return mark_safe(content)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            '{% fragment %} needs a quoted name: {% fragment "name" var ... %}'
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
