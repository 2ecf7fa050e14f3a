"""`{% head_meta as head %}`: what templates/includes/head_meta.html prints in every page's <head>."""

from django import template

from conference.seo import head_meta as build_head_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def head_meta(context):
    return build_head_meta(context)
