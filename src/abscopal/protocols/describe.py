"""The treatment of a scenario in words, for reports and summaries."""

from __future__ import annotations

from abscopal.protocols.schedule import TreatmentSchedule
from abscopal.scenario import CheckpointCourse, GmCsfCourse, Treatment


def drug_amount(course: CheckpointCourse) -> str:
    """The dose of a checkpoint course: "200 mg" or "3 mg/kg"."""
    if course.dose_mg is not None:
        return f"{course.dose_mg:g} mg"
    return f"{course.dose_mg_per_kg:g} mg/kg"


def gm_csf_amount(course: GmCsfCourse, unicode: bool = True) -> str:
    """The dose of a GM-CSF course: "125 µg/m²" ("125 ug/m2" in plain ASCII)."""
    micro, square = ("µg", "/m²") if unicode else ("ug", "/m2")
    if course.dose_ug is not None:
        return f"{course.dose_ug:g} {micro}"
    return f"{course.dose_ug_per_m2:g} {micro}{square}"


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
        amount = drug_amount(course)
        lines.append(
            f"{course.drug} {amount} every {course.interval_day:g} days on days "
            f"{_days(course.dose_days())}"
        )
    for course in treatment.gm_csf:
        amount = gm_csf_amount(course, unicode=False)
        lines.append(
            f"GM-CSF {amount} s.c. every {course.interval_day:g} days on days "
            f"{_days(course.dose_days())}"
        )
    return lines or ["No treatment (natural history)"]


SBRT_MAX_FRACTIONS = 8  # stereotactic (ablative) courses: at most 8 fractions of at least 5 Gy
SBRT_MIN_DOSE_GY = 5.0  # (the ESTRO-ACROP and ASTRO usage of "SBRT/SABR" for extracranial sites)
WEEKLY = {7.0: "q1w", 14.0: "q2w", 21.0: "q3w", 28.0: "q4w", 42.0: "q6w"}


def _interval(interval_day: float) -> str:
    return WEEKLY.get(
        float(interval_day), "daily" if interval_day == 1 else f"every {interval_day:g} d"
    )


def course_labels(treatment: Treatment, species: str = "human") -> list[tuple[str, float, str]]:
    """Short labels for a figure: ``(row, first day, text)`` per course, row ``radiation``,
    ``drug`` or ``gm_csf`` — e.g. "SBRT 3 × 8 Gy to lung_primary", "pembrolizumab 200 mg q3w"."""
    labels = []
    for course in treatment.external_beam:
        stereotactic = (
            species == "human"
            and course.fractions <= SBRT_MAX_FRACTIONS
            and course.dose_per_fraction_gy >= SBRT_MIN_DOSE_GY
        )
        kind = "SBRT" if stereotactic else "RT"
        days = course.fraction_days()
        labels.append(
            (
                "radiation",
                days[0],
                f"{kind} {course.fractions} × {course.dose_per_fraction_gy:g} Gy to {course.target}",
            )
        )
    for administration in treatment.y90:
        activity = (
            f" {administration.activity_gbq:g} GBq"
            if administration.activity_gbq is not None
            else ""
        )
        treated = ", ".join(administration.treated_lesions)
        labels.append(("radiation", administration.day, f"Y-90{activity} to {treated}"))
    for course in treatment.checkpoint:
        amount = drug_amount(course)
        days = course.dose_days()
        count = f" × {len(days)}" if len(days) <= 12 else f" to day {days[-1]:g}"
        labels.append(
            ("drug", days[0], f"{course.drug} {amount} {_interval(course.interval_day)}{count}")
        )
    for course in treatment.gm_csf:
        amount = gm_csf_amount(course)
        labels.append(
            (
                "gm_csf",
                course.start_day,
                f"GM-CSF {amount} {_interval(course.interval_day)} × {course.doses}",
            )
        )
    return labels
