"""The schedule's addresses outside the page tree (the pages' own are in routes.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("tags/<str:slug>/", views.tag_talks, name="tag_talks"),
]
