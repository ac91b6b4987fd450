"""What a settled batch worker spends on each stage of a plan.

    python bench/stages.py                 # 300 bench plans, best of 3 passes
    python bench/stages.py --n 100 --passes 5

Renders the bench's plans (``run.plan_yaml``) one after another in this process, as a
batch worker does after its first file (``planmaker.tasks.render_task``, the collector
settled as ``planmaker.workers`` settles it), with a timer around each stage's function,
and prints the milliseconds each stage took per plan in the best pass. The timers wrap
the functions where the pipeline looks them up, so the pipeline runs as it is; a stage
inside another (the ZIP package inside the DOCX writer) is shown indented under it.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import plan_yaml  # noqa: E402  (the bench's own plans)

STAGES = [
    ("reading the file", "planmaker.pipeline", "read_source", 0),
    ("reading the YAML", "planmaker.loader", "load_yaml", 0),
    ("validating", "planmaker.validate", "validate", 0),
    ("the template's context", "planmaker.context", "build_context", 0),
    ("the template (Jinja2 in its sandbox)", "planmaker.templating", "render_template", 0),
    ("parsing and numbering (markdown-it)", "planmaker.outline", "number_outline", 0),
    ("the DOCX writer", "planmaker.writers.docx", "write_docx", 0),
    ("a table's columns", "planmaker.writers.docx_geometry", "plan_columns", 1),
    ("the ZIP package", "planmaker.writers.docx_base", "with_parts", 1),
    ("writing the file", "planmaker.output", "write_atomic", 0),
]
"""(label, module, function, depth): each function as the pipeline looks it up."""


def timed(spent: dict[str, float], label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def stage(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - start

    return stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="plans per pass")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)

    from planmaker.pipeline import RenderOptions
    from planmaker.tasks import Task, prepare, render_task
    from planmaker.workers import YOUNG_COLLECTION

    prepare()
    spent = {label: 0.0 for label, *_ in STAGES}
    for label, module, name, _ in STAGES:
        owner = importlib.import_module(module)
        setattr(owner, name, timed(spent, label, getattr(owner, name)))

    with tempfile.TemporaryDirectory(prefix="planmaker-stages-") as tmp:
        folder = Path(tmp)
        plans = [folder / f"plan{i:05d}.yaml" for i in range(args.n + 1)]
        for i, plan in enumerate(plans):
            plan.write_text(plan_yaml(i), encoding="utf-8")
        opts = RenderOptions(format="docx")
        render_task(Task(plans[0], folder / "first.docx"), opts)  # the first file's costs
        gc.collect()
        gc.freeze()
        gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])
        best: dict[str, float] | None = None
        for _ in range(args.passes):
            for label in spent:
                spent[label] = 0.0
            start = time.perf_counter()
            for plan in plans[1:]:
                outcome = render_task(Task(plan, plan.with_suffix(".docx")), opts)
                if not outcome.ok:
                    raise SystemExit(f"bench: {plan.name} failed: {outcome.problems}")
            total = time.perf_counter() - start
            if best is None or total < best["total"]:
                best = {**spent, "total": total}
    assert best is not None
    print(f"a settled worker, per plan ({args.n} bench plans, best of {args.passes} passes):")
    for label, _, _, depth in STAGES:
        print(
            f"{'  ' * (depth + 1)}{label:<{40 - 2 * depth}} {best[label] / args.n * 1000:6.2f} ms"
        )
    staged = sum(best[label] for label, _, _, depth in STAGES if depth == 0)
    print(
        f"  {'the rest (checks, warnings, the task)':<40} {(best['total'] - staged) / args.n * 1000:6.2f} ms"
    )
    print(f"  {'in all':<40} {best['total'] / args.n * 1000:6.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
