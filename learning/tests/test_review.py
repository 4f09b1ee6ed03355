from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from learning import selectors, services
from learning.models import ReviewItem, ReviewLog
from quizgen.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_a_mistake_is_due_now_and_good_pushes_it_into_the_future(student):
    question = QuestionFactory()
    now = timezone.now()
    item = services.review_item_add(
        student=student, item=question, source=ReviewItem.Source.MISTAKE, now=now
    )
    assert list(selectors.review_items_due(student=student, now=now)) == [item]
    item = services.review_record(review_item=item, rating=ReviewLog.Rating.GOOD, now=now)
    assert item.due > now
    assert list(selectors.review_items_due(student=student, now=now)) == []
    assert list(selectors.review_items_due(student=student, now=now + timedelta(days=30))) == [item]
    assert item.logs.get().rating == ReviewLog.Rating.GOOD


def test_adding_the_same_item_twice_keeps_one(student):
    question = QuestionFactory()
    services.review_item_add(student=student, item=question, source=ReviewItem.Source.MISTAKE)
    services.review_item_add(student=student, item=question, source=ReviewItem.Source.MISTAKE)
    assert ReviewItem.objects.count() == 1


def test_an_unknown_rating_is_refused(student):
    item = services.review_item_add(student=student, item=QuestionFactory(), source="mistake")
    with pytest.raises(ValidationError) as error:
        services.review_record(review_item=item, rating=7)
    assert error.value.messages == [services.INVALID_RATING]
