"""Which grid cells cluster when names cannot be read, and what a cluster says."""

from __future__ import annotations

from dataclasses import dataclass

from pmdesk.workspaces.stakeholders.chart.cells import stack_cells
from pmdesk.workspaces.stakeholders.chart.clusters import (
    TOOLTIP_NAMES,
    crowded_cells,
    names_readable,
)


@dataclass
class Person:
    id: str
    name: str
    influence: int
    interest: int
    attitude: str = "neutral"


def test_only_cells_with_more_than_two_people_cluster():
    people = [Person("a", "Ann", 9, 9), Person("b", "Bo", 9, 9), Person("c", "Cy", 1, 1)]
    people += [
        Person("p10", "P 10", 5, 5, "blocker"),
        Person("p2", "P 2", 5, 5, "champion"),
        Person("p1", "P 1", 5, 5, "blocker"),
    ]
    clusters = crowded_cells(people, stack_cells(people), overdue=["p2", "a"])
    assert list(clusters) == [(5, 5)]
    cluster = clusters[(5, 5)]
    assert cluster.names == ("P 1", "P 2", "P 10")  # the cards' natural name order
    assert cluster.ids == ("p1", "p2", "p10")
    assert cluster.attitudes == (("champion", 1), ("blocker", 2))  # in the legend's order
    assert cluster.overdue == 1
    assert cluster.tooltip.splitlines()[0].startswith("3 people")


def test_scores_out_of_range_cluster_in_the_edge_cell_their_cards_sit_in():
    people = [Person(f"p{n}", f"P {n}", 12, 0) for n in range(3)]
    assert list(crowded_cells(people, stack_cells(people))) == [(10, 1)]


def test_a_big_cluster_tooltip_names_a_few_and_counts_the_rest():
    people = [Person(f"p{n}", f"P {n}", 3, 3) for n in range(40)]
    lines = crowded_cells(people, stack_cells(people))[(3, 3)].tooltip.splitlines()
    assert len(lines) == 1 + TOOLTIP_NAMES + 1
    assert lines[-1] == f"and {40 - TOOLTIP_NAMES} more"


def test_names_read_from_seven_pixels():
    assert names_readable(1.0)
    assert not names_readable(0.5)  # 12-unit names at half size: 6 px
