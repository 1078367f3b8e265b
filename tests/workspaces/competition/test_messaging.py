"""Which of our messages a competitor's strengths undercut, from the ratings our proof points
rest on: hand-made points first, then the sample project."""

from __future__ import annotations

from pmdesk.workspaces.competition import edit, messaging
from pmdesk.workspaces.competition.messaging import judge
from pmdesk.workspaces.competition.model import Competitor

NAMES = {"offline": "Works offline", "price": "Price", "golive": "Time to go live"}
WEIGHTS = {"offline": 3.0, "price": 1.0, "golive": 2.0}


def test_a_message_is_answered_where_we_lead_and_undercut_where_they_match_or_beat_us():
    points = {
        "offline": {"us": 5.0, "rival": 0.0},
        "price": {"us": 3.0, "rival": 4.0},
        "golive": {"us": 4.0, "rival": 4.0},
    }
    verdicts = judge(
        points,
        NAMES,
        WEIGHTS,
        "us",
        "rival",
        {
            "signal": {"offline"},
            "cheap": {"price"},
            "fast": {"golive"},
            "both": {"offline", "price"},
        },
    )
    assert [c.name for c in verdicts["signal"].answers] == ["Works offline"]
    assert not verdicts["signal"].is_undercut
    assert [(c.ours, c.theirs) for c in verdicts["cheap"].undercut] == [(3.0, 4.0)]
    assert [c.name for c in verdicts["fast"].undercut] == ["Time to go live"]  # a tie undercuts
    # Leading on one criterion does not save a message they match on another.
    assert verdicts["both"].is_undercut and [c.name for c in verdicts["both"].answers] == [
        "Works offline"
    ]


def test_unrated_is_unknown_and_never_a_verdict():
    points = {"offline": {"us": 5.0}, "price": {"rival": 5.0}}
    verdicts = judge(points, NAMES, WEIGHTS, "us", "rival", {"a": {"offline"}, "b": {"price"}})
    assert verdicts["a"] == verdicts["b"] == messaging.Verdict()
    # Without our own product in the matrix nothing can be compared at all.
    points = {"offline": {"us": 5.0, "rival": 0.0}}
    assert judge(points, NAMES, WEIGHTS, None, "rival", {"a": {"offline"}})["a"].answers == ()


def _competitor(session, name: str) -> str:
    return next(c.id for c in edit.competitors(session) if c.name == name)


def _messages(session, name: str) -> dict[str, messaging.MessageAgainst]:
    board = edit.load_scoreboard(session)
    personas = messaging.messages_against(session, board, _competitor(session, name))
    return {m.text: m for p in personas for m in p.messages}


def test_the_sample_names_the_messages_a_rival_matches_us_on(sample_document):
    session = sample_document.session
    jobwise = _messages(session, "Jobwise")
    undercut = {text for text, m in jobwise.items() if m.verdict.is_undercut}
    assert undercut == {
        "Get paid in the driveway, not thirty days later.",
        "Live in a week, without an IT department.",
    }
    signal = jobwise["The app works where your phone has no signal."]
    assert [c.name for c in signal.verdict.answers] == ["Works without signal"]
    # The suite is rated below us on everything our messages rest on.
    suite = _messages(session, "TradeForce Suite")
    assert not any(m.verdict.is_undercut for m in suite.values())
    # A message backed by a check-in only is listed with its proof points but not judged.
    live = suite["Live in a week, without an IT department."]
    assert any(proof.startswith("New customers now dispatch") for proof in live.proofs)


def test_our_own_product_has_no_messages_against_it(sample_document):
    session = sample_document.session
    us = next(c.id for c in edit.competitors(session) if c.is_us)
    assert session.get(Competitor, us).is_us
    assert messaging.messages_against(session, edit.load_scoreboard(session), us) == []
