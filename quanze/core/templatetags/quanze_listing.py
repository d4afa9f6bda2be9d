"""`{% sort_header listing key header %}`: a column head that sorts the list by its column
(again: the other way), marked with the current order for eyes and screen readers."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def sort_header(listing, key, header):
    mark = listing.sort_mark(key)
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="{}" title="按{}排序">{}{}</a></th>',
        listing.sort_state(key),
        listing.sort_url(key),
        header,
        header,
        f" {mark}" if mark else "",
    )
