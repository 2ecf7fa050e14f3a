"""The "Accessibility reviewers" group: its members get the content checker's full WCAG 2.2 AA rule set.

The group carries no permissions of its own; reviewers also belong to a group
that lets them edit (e.g. Editors). See home/content_checker.py.
"""

from django.db import migrations

GROUP_NAME = "Accessibility reviewers"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=GROUP_NAME)


def remove_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("home", "0002_create_homepage"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
