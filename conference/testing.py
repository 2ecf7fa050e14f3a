"""Test content built once per test module and shared by its tests, as Django's `setUpTestData`
shares a TestCase class's content.

    def build_tree():
        event = make_event("PyCon Testland")
        return {"event": event, "talk": make_talk(make_day(event))}

    _module_tree, tree = per_module(build_tree)   # both names must be in the module

The first test of the module that asks for `tree` builds it, in a transaction of the module's own
that is rolled back after the module's last test. Each test runs in a savepoint on top
(pytest-django's `db`), so the rows a test changes come back for the next test, and each test gets
its own deep copy of what `build_tree` returned (as `setUpTestData` does), so changing an object
in one test changes nothing in the next. Files the builder writes (images) go to a folder of the
module's own, which is each test's MEDIA_ROOT.

The root conftest.py runs a module's tests that use none of its shared content first (the
`_module_` prefix), so that none of them sees content it did not ask for.
"""

import copy
import inspect

import pytest


def per_module(build, *, name=None, copy_result=True):
    """(module fixture, test fixture) for what `build()` returns; the test fixture is named `name`
    (by default the builder's name without `build_`), the module fixture `_module_<name>`."""
    name = name or build.__name__.removeprefix("build_")
    module_name = f"_module_{name}"

    @pytest.fixture(scope="module", name=module_name)
    def built(django_db_setup, django_db_blocker, tmp_path_factory):
        from django.db import transaction
        from django.test import override_settings

        media = tmp_path_factory.mktemp(f"{name}-media")
        with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
            yield build(), media
            transaction.set_rollback(True)

    def shared(db, settings, **fixtures):
        result, media = fixtures[module_name]
        settings.MEDIA_ROOT = media
        return copy.deepcopy(result) if copy_result else result

    # pytest reads a fixture's arguments from its signature: ask for this module's fixture by name.
    parameters = ["db", "settings", module_name]
    shared.__signature__ = inspect.Signature(
        [inspect.Parameter(arg, inspect.Parameter.POSITIONAL_OR_KEYWORD) for arg in parameters]
    )
    shared.__doc__ = build.__doc__
    return built, pytest.fixture(name=name)(shared)
