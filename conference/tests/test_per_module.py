"""`per_module` (conference/testing.py): content built once per module, shared by its tests as
Django's setUpTestData shares a class's, with nothing a test changes reaching the next one."""

from conference.factories import make_speaker
from conference.models import Speaker
from conference.testing import per_module


def build_first():
    return {"speaker": make_speaker("Only in the first content")}


def build_second():
    return {"speaker": make_speaker("Only in the second content")}


_module_first, first = per_module(build_first)
_module_second, second = per_module(build_second)


def names():
    return sorted(Speaker.objects.values_list("name", flat=True))


def test_a_test_changes_the_shared_content_in_the_database_and_in_memory(first):
    first["speaker"].name = "Changed by a test"
    first["speaker"].save()
    make_speaker("Added by a test")

    assert names() == ["Added by a test", "Changed by a test"]


def test_the_next_test_gets_the_content_as_it_was_built(first):
    assert first["speaker"].name == "Only in the first content"
    assert names() == ["Only in the first content"]


def test_another_content_of_the_module_replaces_the_first(second):
    assert names() == ["Only in the second content"]


def test_a_test_without_shared_content_sees_none(db):
    # Run before the tests that share content (the root conftest.py orders them).
    assert names() == []


def test_content_asked_for_after_db_is_still_built_before_the_tests_transaction(db, admin_client, first):
    # Built inside the test's transaction, it would be gone for the next test (the one above
    # shows it is not): the root conftest.py sets up `_module_` fixtures first.
    assert names() == ["Only in the first content"]
