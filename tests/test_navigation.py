"""The header's links are the same on every page, also for a site served under a prefix."""

import re

import pytest
from django.urls import reverse, set_script_prefix

HEADER_LINK = re.compile(r'<(?:a|form)[^>]* (?:href|action)="([^"]*)"')


def header_links(html: str) -> list[str]:
    header = html.split("<header>", 1)[1].split("</header>", 1)[0]
    return HEADER_LINK.findall(header)


@pytest.mark.django_db
def test_a_students_header_links_to_every_part_of_the_site(client, student):
    client.force_login(student)
    html = client.get(reverse("learning:progress")).content.decode()
    assert header_links(html) == [
        "/",
        "/",
        "/review/",
        "/progress/",
        "/classes/",
        "/accounts/logout/",
    ]


@pytest.mark.django_db
def test_a_teachers_header_links_to_the_teaching_pages(client, teacher):
    client.force_login(teacher)
    html = client.get(reverse("learning:progress")).content.decode()
    assert header_links(html) == [
        "/",
        "/",
        "/review/",
        "/progress/",
        "/teach/classes/",
        "/teach/",
        "/accounts/logout/",
    ]


@pytest.mark.django_db
def test_the_header_links_follow_the_prefix_the_site_is_served_under(client, student):
    client.force_login(student)
    at_root = client.get("/progress/").content.decode()
    # What the WSGI handler does for a request under SCRIPT_NAME=/quizgen (the test client
    # does not): the links reversed for "/" before must not be reused.
    set_script_prefix("/quizgen/")
    try:
        under_prefix = client.get("/progress/").content.decode()
    finally:
        set_script_prefix("/")
    assert header_links(under_prefix) == [
        "/quizgen/",
        "/quizgen/",
        "/quizgen/review/",
        "/quizgen/progress/",
        "/quizgen/classes/",
        "/quizgen/accounts/logout/",
    ]
    assert header_links(at_root)[0] == "/"
