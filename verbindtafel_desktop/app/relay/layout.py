"""Where every person of the relay goes in the picture (plain geometry, no Qt).

The relay is a forest (one person brought each newcomer in), so a layered tree layout
draws it without a single crossing: generation g is column g, every tree's leaves get
rows of their own, and a parent sits in the middle of its children. Many small trees
stacked in one column make a picture far taller than wide, so the trees are dealt into
side-by-side blocks, each with its own generation columns, until the picture is about
as wide as a screen or a page.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from verbindtafel_desktop.services.relay import RelayGraph


@dataclass(frozen=True)
class LayoutStyle:
    node_width: float = 170.0
    node_height: float = 28.0
    column_gap: float = 54.0
    row_gap: float = 8.0
    tree_gap: float = 12.0
    block_gap: float = 90.0
    header_height: float = 34.0
    aspect: float = 1.5  # width / height the blocks aim for

    @property
    def column_width(self) -> float:
        return self.node_width + self.column_gap

    @property
    def row_height(self) -> float:
        return self.node_height + self.row_gap


@dataclass(frozen=True)
class NodeBox:
    person_id: int
    x: float
    y: float
    generation: int
    hidden: int  # people below this one hidden by collapsing it


@dataclass
class RelayLayout:
    nodes: dict[int, NodeBox] = field(default_factory=dict)
    edges: list[tuple[int, int]] = field(default_factory=list)  # (parent, child)
    headers: list[tuple[float, float, int]] = field(default_factory=list)  # x, y, generation
    width: float = 0.0
    height: float = 0.0
    trees: int = 0


def layout_relay(
    graph: RelayGraph,
    shown: Iterable[int],
    collapsed: Iterable[int] = (),
    style: LayoutStyle | None = None,
) -> RelayLayout:
    """Place the trees of the people in `shown` (whole trees, from their starters); the
    people below a collapsed person are left out and counted on that person."""
    style = style or LayoutStyle()
    shown_set = set(shown)
    folded = set(collapsed)
    roots = [person_id for person_id in graph.roots() if person_id in shown_set]
    roots.sort(key=lambda person_id: _tree_order(graph, person_id))

    trees = [_tree(graph, root, shown_set, folded) for root in roots]
    layout = RelayLayout(trees=len(trees))
    if not trees:
        return layout
    depth = max(tree.depth for tree in trees)
    heights = [tree.rows * style.row_height + style.tree_gap for tree in trees]
    block_width = depth * style.column_width - style.column_gap
    wanted = round(math.sqrt(style.aspect * sum(heights) / (block_width + style.block_gap)))
    blocks = _balanced_blocks(heights, max(1, min(wanted, len(trees))))

    block_x = 0.0
    for block in blocks:
        block_depth = max(trees[index].depth for index in block)
        _add_headers(layout, block_x, block_depth, style)
        y = style.header_height
        for index in block:
            tree = trees[index]
            for person_id, (row, generation) in tree.places.items():
                layout.nodes[person_id] = NodeBox(
                    person_id,
                    block_x + generation * style.column_width,
                    y + row * style.row_height,
                    generation,
                    tree.hidden.get(person_id, 0),
                )
            layout.edges.extend(tree.edges)
            y += heights[index]
        layout.height = max(layout.height, y - style.tree_gap)
        block_x += block_depth * style.column_width - style.column_gap + style.block_gap
    layout.width = block_x - style.block_gap
    return layout


def _balanced_blocks(heights: list[float], count: int) -> list[list[int]]:
    """Cut the trees, in order, into at most `count` blocks whose tallest is as low as
    possible (binary search on the height a block may reach, filled greedily)."""

    def fill(limit: float) -> list[list[int]]:
        blocks: list[list[int]] = [[]]
        used = 0.0
        for index, height in enumerate(heights):
            if blocks[-1] and used + height > limit:
                blocks.append([])
                used = 0.0
            blocks[-1].append(index)
            used += height
        return blocks

    low, high = max(heights), sum(heights)
    for _step in range(40):
        middle = (low + high) / 2
        if len(fill(middle)) <= count:
            high = middle
        else:
            low = middle
    return fill(high)


def _add_headers(layout: RelayLayout, x: float, depth: int, style: LayoutStyle) -> None:
    layout.headers.extend(
        (x + generation * style.column_width, 0.0, generation) for generation in range(depth)
    )


def _tree_order(graph: RelayGraph, root: int) -> tuple[object, ...]:
    """Oldest cohorts first; within a cohort the largest trees first."""
    cohort_id = graph.colour_cohort(root)
    start = graph.cohorts[cohort_id].start_date if cohort_id is not None else None
    size = len(graph.descendants(root))
    return (start is None, start, -size, graph.people[root].name.lower(), root)


@dataclass
class _Tree:
    places: dict[int, tuple[float, int]]  # person -> (row within the tree, generation)
    edges: list[tuple[int, int]]
    hidden: dict[int, int]
    rows: int
    depth: int  # generation columns it needs


def _tree(graph: RelayGraph, root: int, shown: set[int], folded: set[int]) -> _Tree:
    """A tidy tree: leaves on consecutive rows, each parent centred on its children."""
    places: dict[int, tuple[float, int]] = {}
    edges: list[tuple[int, int]] = []
    hidden: dict[int, int] = {}
    next_row = 0
    base = graph.people[root].generation
    # Iterative post-order walk: deep relays must not hit Python's recursion limit.
    stack: list[tuple[int, bool]] = [(root, False)]
    while stack:
        person_id, children_done = stack.pop()
        children = [child for child in graph.children.get(person_id, ()) if child in shown]
        if person_id in folded and children:
            hidden[person_id] = sum(1 for below in graph.descendants(person_id) if below in shown)
            children = []
        generation = graph.people[person_id].generation - base
        if not children:
            places[person_id] = (float(next_row), generation)
            next_row += 1
        elif children_done:
            rows = [places[child][0] for child in children]
            places[person_id] = ((rows[0] + rows[-1]) / 2, generation)
            edges.extend((person_id, child) for child in children)
        else:
            stack.append((person_id, True))
            stack.extend((child, False) for child in reversed(children))
    depth = 1 + max(generation for _row, generation in places.values())
    return _Tree(places, edges, hidden, next_row, depth)
