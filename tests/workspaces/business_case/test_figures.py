"""The business case's arithmetic on examples worked out by hand (see the module's model)."""

from __future__ import annotations

import pytest

from pmdesk.workspaces.business_case.chart.layout import layout_cash, nice_step
from pmdesk.workspaces.business_case.figures import (
    blended_monthly_price,
    development_cost,
    forecast,
    outcome,
    scenario_outcome,
)

# 2 people × 3 months × 10,000 + a 15,000 one-off = 75,000.
COST = 75_000.0
TIERS = [(100.0, 50.0), (300.0, 50.0)]  # blended 200 a month, 600 a quarter


def test_development_cost_is_people_times_months_times_rate_plus_one_offs():
    assert development_cost(2, 3, 10_000, [15_000]) == COST
    assert development_cost(0, 0, 0, []) == 0


def test_the_blended_price_weights_tiers_by_their_mix():
    assert blended_monthly_price(TIERS) == 200.0
    assert blended_monthly_price([(100.0, 25.0), (300.0, 75.0)]) == 250.0
    assert blended_monthly_price([(100.0, 0.0)]) == 0.0  # no mix, no average


def test_customers_churn_before_the_new_ones_arrive_each_quarter():
    rows = forecast(50, 10, 600, 4)
    # 50; 50×0.9+50 = 95; 95×0.9+50 = 135.5; 135.5×0.9+50 = 171.95
    assert [round(c, 2) for c, _r in rows] == [50, 95, 135.5, 171.95]
    assert [round(r, 2) for _c, r in rows] == [30_000, 57_000, 81_300, 103_170]


def test_payback_roi_and_break_even_of_the_worked_example():
    result = scenario_outcome(COST, 50, TIERS, 50, 10, 100, 4)
    # earned 15,000, 28,500, 40,650, 51,585; cumulative −60,000, −31,500, 9,150, 60,735
    assert [round(q.cumulative) for q in result.quarters] == [-60_000, -31_500, 9_150, 60_735]
    assert result.break_even == 2
    # two full quarters, then 31,500 of the third quarter's 40,650: (2 + 0.77491) × 3 months
    assert result.payback_months == pytest.approx((2 + 31_500 / 40_650) * 3)
    assert result.roi == pytest.approx((135_735 - 75_000) / 75_000)
    assert result.revenue == pytest.approx(271_470)


def test_a_case_that_never_pays_back_says_so():
    result = scenario_outcome(COST, 50, TIERS, 1, 50, 100, 8)
    assert result.break_even is None and result.payback_months is None
    assert result.roi is not None and result.roi < 0


def test_the_price_achieved_scales_revenue():
    full = scenario_outcome(COST, 100, TIERS, 10, 0, 100, 2)
    discounted = scenario_outcome(COST, 100, TIERS, 10, 0, 80, 2)
    assert discounted.revenue == pytest.approx(full.revenue * 0.8)


def test_nothing_spent_breaks_even_at_once_and_has_no_roi():
    result = outcome(0, 100, [(1, 100)])
    assert result.break_even == 0 and result.payback_months == 0 and result.roi is None


def test_the_chart_layout_starts_at_minus_the_cost_and_crosses_zero_at_payback():
    result = scenario_outcome(COST, 50, TIERS, 50, 10, 100, 4)
    labels = ["Q1 FY27", "Q2 FY27", "Q3 FY27", "Q4 FY27"]
    layout = layout_cash([("expected", "Expected", result)], labels, "USD")
    (series,) = layout.series
    assert len(series.points) == 5  # before the first quarter, then after each
    low_tick, high_tick = layout.y_ticks[0], layout.y_ticks[-1]
    assert low_tick.position == 0 and high_tick.position == pytest.approx(1)
    # from −75,000 to 60,735: 50,000 steps, so the axis runs from −100,000 to 100,000
    assert [tick.label for tick in layout.y_ticks] == ["−$100k", "−$50k", "$0", "$50k", "$100k"]
    assert series.points[0][1] == pytest.approx(0.125)
    assert layout.zero == pytest.approx(0.5)
    assert series.break_even == (pytest.approx(result.payback_months / 3 / 4), layout.zero)
    assert [tick.label for tick in layout.x_ticks] == labels


def test_round_steps():
    assert nice_step(160_000) == 50_000
    assert nice_step(100) == 20
    assert nice_step(0) == 1
