"""The treatment of a scenario in words, for reports and summaries."""

from __future__ import annotations

from abscopal.protocols.schedule import TreatmentSchedule
from abscopal.scenario import Treatment


def _days(days: list[float]) -> str:
    shown = ", ".join(f"{day:g}" for day in days[:6])
    return shown + (f", ... ({len(days)} in all)" if len(days) > 6 else "")


def describe_schedule(treatment: Treatment, schedule: TreatmentSchedule) -> list[str]:
    """One sentence per course or administration."""
    lines = []
    for course in treatment.external_beam:
        scatter = (
            "; scatter "
            + ", ".join(
                f"{dose:g} Gy/fx to {name}"
                for name, dose in course.scatter_dose_per_fraction_gy.items()
            )
            if course.scatter_dose_per_fraction_gy
            else ""
        )
        node = (
            f"; draining node {course.draining_node_dose_per_fraction_gy:g} Gy/fx"
            if course.draining_node_dose_per_fraction_gy
            else ""
        )
        lines.append(
            f"External beam to {course.target}: {course.fractions} x "
            f"{course.dose_per_fraction_gy:g} Gy ({course.schedule.replace('_', ' ')}) on days "
            f"{_days(course.fraction_days())}{scatter}{node}"
        )
    for plan in schedule.y90_plans:
        doses = ", ".join(f"{name} {dose:.0f} Gy" for name, dose in plan.lesion_dose_gy.items())
        lines.append(
            f"Y-90 radioembolization on day {plan.day:g}: {doses}; normal liver "
            f"{plan.normal_liver_gy:.0f} Gy; lung {plan.lung_gy:.1f} Gy"
        )
    for course in treatment.checkpoint:
        amount = (
            f"{course.dose_mg:g} mg"
            if course.dose_mg is not None
            else f"{course.dose_mg_per_kg:g} mg/kg"
        )
        lines.append(
            f"{course.drug} {amount} every {course.interval_day:g} days on days "
            f"{_days(course.dose_days())}"
        )
    for course in treatment.gm_csf:
        amount = (
            f"{course.dose_ug:g} ug"
            if course.dose_ug is not None
            else f"{course.dose_ug_per_m2:g} ug/m2"
        )
        lines.append(
            f"GM-CSF {amount} s.c. every {course.interval_day:g} days on days "
            f"{_days(course.dose_days())}"
        )
    return lines or ["No treatment (natural history)"]
