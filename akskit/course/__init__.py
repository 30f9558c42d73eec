"""Course content: the ideas the notebooks teach, computed with the engine (standard library only).

Each module is one concept: the Kubernetes and AKS architecture catalogue, carving a pod
CIDR, packet walks, the per-node reservation, IP usage and model comparison, upgrades,
fleet policies, Microsoft's contradictions, the recommender and the capstone scenario.
Notebooks import what they show from here in one line, the engine's few names they call
included (``explain`` for akskit's findings, ``explain_error`` and ``render_explanation`` for
an error AKS returned, ``with_plan`` to set a plan's number beside AKS's, ``export`` for a plan
as az commands or a template); ``appendix``, ``classroom``, ``policy`` and ``upgrade`` are used as modules.

>>> from akskit.course import carve_pod_cidr
>>> str(carve_pod_cidr("10.244.0.0/16", 3).blocks[1].network)
'10.244.1.0/24'
"""

from __future__ import annotations

from akskit.course import appendix, classroom, policy, upgrade
from akskit.course.architecture import component_table, operator_counts, responsibility_table
from akskit.course.carve import carve_pod_cidr
from akskit.course.classroom import load_classroom, room_table
from akskit.course.comparison import compare, comparison_view, static_block_table
from akskit.course.contradictions import contradictions_table
from akskit.course.recommender import recommend
from akskit.course.reservation import reservation_view
from akskit.course.scenario import design, load_scenario
from akskit.course.tiers import tier_table
from akskit.course.traffic import source_ip, source_ip_table, walk_table
from akskit.course.usage import usage_view
from akskit.engine.aks_error_context import with_plan
from akskit.engine.aks_errors import explain_error, render_explanation
from akskit.engine.azcli import az_create_flags, shell_script
from akskit.engine.cluster_export import export
from akskit.engine.explain import explain

__all__ = [
    "appendix",
    "az_create_flags",
    "carve_pod_cidr",
    "classroom",
    "compare",
    "comparison_view",
    "component_table",
    "contradictions_table",
    "design",
    "explain",
    "explain_error",
    "export",
    "load_classroom",
    "load_scenario",
    "operator_counts",
    "policy",
    "recommend",
    "render_explanation",
    "reservation_view",
    "responsibility_table",
    "room_table",
    "shell_script",
    "source_ip",
    "source_ip_table",
    "static_block_table",
    "tier_table",
    "upgrade",
    "usage_view",
    "walk_table",
    "with_plan",
]
