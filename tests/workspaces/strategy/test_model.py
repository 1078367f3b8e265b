"""The strategy canvas: factors in order, levels 0-10, ERRC and the future curve, undo."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.store.document import Document
from pmdesk.workspaces.competition.model import Criterion, CriterionCategory
from pmdesk.workspaces.strategy import canvas
from pmdesk.workspaces.strategy.model import FUTURE, TODAY, CanvasFactor, clean_text


@pytest.fixture
def session() -> Iterator:
    document = Document.new()
    yield document.session
    document.close()


@pytest.fixture
def board(session):
    """Us today, one rival and our future, on three factors."""
    us = canvas.add_curve(session, "Us today", TODAY)
    rival = canvas.add_curve(session, "Rival")
    price, speed, reports = (canvas.add_factor(session, n) for n in ("Price", "Speed", "Reports"))
    for factor, mine, theirs in ((price, 6, 8), (speed, 4, 3), (reports, 5, 9)):
        canvas.set_level(session, us, factor, mine)
        canvas.set_level(session, rival, factor, theirs)
    future = canvas.add_curve(session, "Us next year", FUTURE)
    return {
        "us": us,
        "rival": rival,
        "future": future,
        "price": price,
        "speed": speed,
        "reports": reports,
    }


def levels(session, curve_id: str) -> tuple[int, ...]:
    return canvas.load_canvas(session).curve(curve_id).levels


def test_factors_keep_the_order_the_pm_gives_them(session, board):
    canvas.move_factor(session, board["reports"], 0)
    names = [f.name for f in canvas.load_canvas(session).factors]
    assert names == ["Reports", "Price", "Speed"]
    canvas.add_factor(session, "Support", index=1)
    assert [f.name for f in canvas.load_canvas(session).factors][:2] == ["Reports", "Support"]


def test_the_future_curve_starts_as_today(session, board):
    assert levels(session, board["future"]) == (6, 4, 5)


def test_errc_actions_make_the_future_curve(session, board):
    canvas.set_errc(session, board["price"], "reduce", 3)
    canvas.set_errc(session, board["speed"], "raise", 9)
    canvas.set_errc(session, board["reports"], "eliminate")
    assert levels(session, board["future"]) == (3, 9, 0)
    assert levels(session, board["us"]) == (6, 4, 5)  # today stays as it is
    canvas.set_errc(session, board["speed"], "")
    assert levels(session, board["future"]) == (3, 4, 0)


def test_create_adds_a_factor_no_competitor_offers(session, board):
    created = canvas.add_factor(session, "Financing", action="create", target=7)
    loaded = canvas.load_canvas(session)
    index = loaded.factor_index(created)
    assert loaded.curve(board["future"]).levels[index] == 7
    assert loaded.curve(board["rival"]).levels[index] == 0
    assert loaded.factors[index].action == "create"


def test_create_is_refused_where_a_competitor_already_offers_the_factor(session, board):
    with pytest.raises(ValidationError, match=r"already offered by Rival \(level 9\)"):
        canvas.set_errc(session, board["reports"], "create", 8)
    assert canvas.load_canvas(session).factors[2].action == ""


@pytest.mark.parametrize(
    ("action", "target", "message"),
    [
        ("reduce", 7, r"Reduce means below today's level \(6\)"),
        ("raise", 2, r"Raise means above today's level \(6\)"),
        ("raise", None, "Raise needs a target level"),
        ("raise", 11, "must be from 0 to 10, not 11"),
        ("boost", 8, "must be one of eliminate, reduce, raise, create"),
        ("", 4, "Choose an ERRC action for “Price” before giving it a target level"),
        ("eliminate", 3, "Eliminate always takes “Price” to 0"),
    ],
)
def test_errc_that_contradicts_today_is_refused(session, board, action, target, message):
    with pytest.raises(ValidationError, match=message):
        canvas.set_errc(session, board["price"], action, target)
    session.rollback()
    assert levels(session, board["future"]) == (6, 4, 5)


def test_today_moves_the_future_unless_the_pm_adjusted_it(session, board):
    canvas.set_level(session, board["us"], board["speed"], 7)
    assert levels(session, board["future"])[1] == 7
    canvas.set_level(session, board["future"], board["speed"], 8)  # by hand
    canvas.set_level(session, board["us"], board["speed"], 2)
    assert levels(session, board["future"])[1] == 8
    assert canvas.load_canvas(session).curve(board["future"]).adjusted == (False, True, False)
    canvas.reset_future(session)
    assert levels(session, board["future"])[1] == 2


@pytest.mark.parametrize("value", [-1, 11, "12", "high", 4.5, None])
def test_levels_outside_0_to_10_are_refused_and_nothing_changes(session, board, value):
    with pytest.raises(ValidationError, match="Us today on “Price” must be"):
        canvas.set_level(session, board["us"], board["price"], value)
    session.rollback()
    assert levels(session, board["us"]) == (6, 4, 5)


def test_capture_and_restore_undo_an_errc_edit(session, board):
    before = canvas.capture(session)
    canvas.set_errc(session, board["speed"], "raise", 9)
    canvas.set_level(session, board["future"], board["price"], 2)
    canvas.restore(session, before)
    loaded = canvas.load_canvas(session)
    assert loaded.curve(board["future"]).levels == (6, 4, 5)
    assert loaded.factors[1].action == ""
    assert loaded.curve(board["future"]).adjusted == (False, False, False)


def test_removing_a_factor_is_undone_exactly(session, board):
    removal = canvas.remove_factors(session, [board["speed"]])
    assert [f.name for f in canvas.load_canvas(session).factors] == ["Price", "Reports"]
    records.restore(session, removal)
    loaded = canvas.load_canvas(session)
    assert [f.name for f in loaded.factors] == ["Price", "Speed", "Reports"]
    assert loaded.curve(board["rival"]).levels == (8, 3, 9)


def test_a_factor_outlives_its_criterion_and_says_so(session, board):
    category = CriterionCategory(name="Field work")
    session.add(category)
    session.flush()
    criterion = Criterion(name="Works without signal", category_id=category.id)
    session.add(criterion)
    session.commit()
    factor_id = canvas.add_factor_from_criterion(session, criterion.id)
    canvas.set_level(session, board["rival"], factor_id, 4)
    assert not canvas.load_canvas(session).factors[-1].detached
    records.remove(session, Criterion, [criterion.id])
    factor = canvas.load_canvas(session).factors[-1]
    assert factor.name == "Works without signal"
    assert factor.detached
    assert canvas.load_canvas(session).curve(board["rival"]).levels[-1] == 4


def test_duplicate_and_empty_factor_names_are_refused(session, board):
    with pytest.raises(ValidationError, match="already has a factor called “Price”"):
        canvas.add_factor(session, "price")
    with pytest.raises(ValidationError, match="A factor's name cannot be empty"):
        canvas.rename_factor(session, board["price"], "   ")
    session.rollback()
    assert session.scalar(select(CanvasFactor.name).where(CanvasFactor.id == board["price"])) == (
        "Price"
    )


def test_only_one_today_and_one_future_curve(session, board):
    with pytest.raises(ValidationError, match="already has a curve for our future"):
        canvas.add_curve(session, "Another future", FUTURE)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * 121, "is 121 characters long; the most is 120"),
        ("bell\x07", r"cannot be stored or printed \(U\+0007 at position 5\)"),
        ("half \ud800", r"U\+D800"),
        ("\ufffe", r"U\+FFFE"),
    ],
)
def test_bad_text_gets_a_clear_message(text, message):
    with pytest.raises(ValidationError, match=message):
        clean_text("The name", text, 120)


def test_line_breaks_tabs_emoji_and_right_to_left_text_are_fine():
    text = "Line one\r\nLine\ttwo 🚐 مرحبا"
    assert clean_text("The note", text, 100) == "Line one\nLine\ttwo 🚐 مرحبا"
