"""Scenario: the YAML description of one patient (or mouse) and its treatment, validated.

The schema is pydantic; semantic checks that need the whole scenario (lesion references, dose
overlaps, drug names, parameter names, Y-90 lung dose) run after parsing and raise
:class:`ScenarioError` naming the field and the accepted form.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from abscopal import yaml_input
from abscopal.errors import InputError, did_you_mean
from abscopal.input_messages import accepted_form
from abscopal.models.inputs import LESION_PARAMETERS
from abscopal.parameters import (
    PARAMETER_SETS,
    UnknownParameterError,
    accepted_range,
    get_parameter_set,
)
from abscopal.parameters.drugs import ANTIBODIES
from abscopal.protocols.y90 import LUNG_DOSE_LIMIT_GY, lung_dose_gy

ModelT = TypeVar("ModelT", bound=BaseModel)

OrganName = Literal[
    "lung", "liver", "bone", "lymph_node", "brain", "adrenal", "kidney", "soft_tissue", "skin"
]
PositiveFloat = Annotated[float, Field(gt=0, allow_inf_nan=False)]
# Upper bounds that keep every count and every number of a scenario finite and its work
# bounded: no lesion is 30 cm across, no fraction delivers 100 Gy, and the counts of doses and
# output times are computed before any list is built.
MAX_DIAMETER_MM = 300.0
MAX_VOLUME_MM3 = 2.0e7
MAX_DOSE_PER_FRACTION_GY = 100.0
MAX_ANTIBODY_DOSES = 200
MAX_OUTPUT_TIMES = 100_000
DoseGy = Annotated[float, Field(ge=0, le=MAX_DOSE_PER_FRACTION_GY, allow_inf_nan=False)]
NonNegativeFloat = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Fraction = Annotated[float, Field(ge=0, lt=1, allow_inf_nan=False)]
ScenarioName = Annotated[str, Field(min_length=1, max_length=120, pattern=r"^[^\x00-\x1f\x7f]+$")]
"""A label of one line: printed on figures and in summaries, used in download names."""
BODY_WEIGHT_KG = {"human": (70.0, 1.0, 400.0), "mouse": (0.022, 0.005, 0.1)}
"""Default body weight and the accepted range by species [kg]: the ICRP reference adult man
(73 kg, ICRP Publication 89, rounded to 70); the weight of a 10-week C57BL/6 or BALB/c mouse
(about 22 g, The Jackson Laboratory body-weight charts); the ranges take in neonates to the
heaviest clinical patients, and weanling to obese mice (5-100 g)."""


MINUTES_PER_DAY = 1440.0
PER_M2_NEEDS_HUMAN = "doses per body surface area are for human patients; give dose_ug for mice"


class ScenarioError(InputError):
    """A scenario that cannot be simulated; ``field`` names the offending entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Lesion(_Strict):
    """One measurable lesion."""

    name: Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z0-9_.\-]+$")]
    organ: OrganName
    baseline_diameter_mm: (
        Annotated[float, Field(gt=0, le=MAX_DIAMETER_MM, allow_inf_nan=False)] | None
    ) = None
    baseline_volume_mm3: (
        Annotated[float, Field(gt=0, le=MAX_VOLUME_MM3, allow_inf_nan=False)] | None
    ) = None
    is_lymph_node: bool = False
    bone_pattern: Literal["lytic", "blastic", "mixed"] | None = None
    pd_l1_baseline: NonNegativeFloat | None = None
    doubling_time_day: PositiveFloat | None = None
    parameters: dict[str, NonNegativeFloat] = Field(default_factory=dict)
    """The lesion's own values of lesion-level parameters (``LESION_PARAMETERS``), e.g.
    ``sting_signalling: 0`` for a STING- or IFNAR-deficient lesion; the rest come from the
    patient's parameter set."""

    @model_validator(mode="after")
    def _one_size(self) -> Lesion:
        if (self.baseline_diameter_mm is None) == (self.baseline_volume_mm3 is None):
            raise ValueError(
                "give exactly one of baseline_diameter_mm or baseline_volume_mm3 (a number > 0)"
            )
        if self.bone_pattern is not None and self.organ != "bone":
            raise ValueError("bone_pattern is only accepted for lesions with organ: bone")
        return self

    @property
    def baseline_volume(self) -> float:
        """Baseline volume [mm^3] (sphere of the baseline diameter when a diameter is given)."""
        if self.baseline_volume_mm3 is not None:
            return self.baseline_volume_mm3
        assert self.baseline_diameter_mm is not None
        return math.pi / 6.0 * self.baseline_diameter_mm**3


class ExternalBeamCourse(_Strict):
    """A course of external-beam fractions to one target lesion."""

    target: str
    dose_per_fraction_gy: Annotated[
        float, Field(gt=0, le=MAX_DOSE_PER_FRACTION_GY, allow_inf_nan=False)
    ]
    fractions: Annotated[int, Field(ge=1, le=60)]
    start_day: NonNegativeFloat = 0.0
    schedule: Literal["daily", "five_per_week", "every_other_day", "explicit"] = "daily"
    days: list[NonNegativeFloat] | None = None
    scatter_dose_per_fraction_gy: dict[str, DoseGy] = Field(default_factory=dict)
    draining_node_dose_per_fraction_gy: DoseGy = 0.0
    blood_dose_per_fraction_gy: DoseGy | None = None
    field_size_cm: Annotated[float, Field(gt=0, le=40)] = 10.0
    beam_on_time_min: Annotated[float, Field(gt=0, le=120)] = 2.0

    @model_validator(mode="after")
    def _days_match(self) -> ExternalBeamCourse:
        if self.schedule == "explicit":
            if self.days is None or len(self.days) != self.fractions:
                raise ValueError(
                    "schedule 'explicit' needs 'days' with one day per fraction "
                    f"({self.fractions} numbers)"
                )
        elif self.days is not None:
            raise ValueError("'days' is only accepted with schedule: explicit")
        return self

    def fraction_days(self) -> list[float]:
        """Day of each fraction."""
        if self.schedule == "explicit":
            assert self.days is not None
            return sorted(self.days)
        if self.schedule == "daily":
            return [self.start_day + k for k in range(self.fractions)]
        if self.schedule == "every_other_day":
            return [self.start_day + 2 * k for k in range(self.fractions)]
        days: list[float] = []
        day = self.start_day
        while len(days) < self.fractions:
            if (day - self.start_day) % 7 < 5:
                days.append(day)
            day += 1
        return days


class Y90Administration(_Strict):
    """One Y-90 radioembolization: partition-model inputs or absorbed doses given directly."""

    day: NonNegativeFloat = 0.0
    treated_lesions: list[str] = Field(min_length=1)
    activity_gbq: PositiveFloat | None = None
    lung_shunt_fraction: Fraction = 0.0
    tumor_to_normal_ratio: PositiveFloat = 3.0
    tumor_mass_g: PositiveFloat | None = None
    normal_liver_mass_g: PositiveFloat = 1500.0
    lung_mass_g: PositiveFloat = 1000.0
    lesion_dose_gy: dict[str, NonNegativeFloat] | None = None
    normal_liver_dose_gy: NonNegativeFloat | None = None

    @model_validator(mode="after")
    def _activity_or_dose(self) -> Y90Administration:
        if (self.activity_gbq is None) == (self.lesion_dose_gy is None):
            raise ValueError("give exactly one of activity_gbq (partition model) or lesion_dose_gy")
        return self

    def lung_dose_gy(self) -> float:
        """Lung dose of the shunted activity [Gy] (0 when absorbed doses are given)."""
        if self.activity_gbq is None:
            return 0.0
        return lung_dose_gy(self.activity_gbq, self.lung_shunt_fraction, self.lung_mass_g / 1000)


class CheckpointCourse(_Strict):
    """Repeated doses of one checkpoint antibody."""

    drug: str
    dose_mg: PositiveFloat | None = None
    dose_mg_per_kg: PositiveFloat | None = None
    start_day: Annotated[float, Field(ge=0, le=3650, allow_inf_nan=False)] = 0.0
    interval_day: Annotated[float, Field(ge=0.5, le=365, allow_inf_nan=False)] = 21.0
    doses: Annotated[int, Field(ge=1, le=MAX_ANTIBODY_DOSES)] | None = None
    stop_day: Annotated[float, Field(ge=0, le=3650, allow_inf_nan=False)] | None = None
    infusion_min: Annotated[float, Field(ge=0, le=1440)] = 30.0
    route: Literal["iv", "ip"] | None = None

    @model_validator(mode="after")
    def _amount_and_length(self) -> CheckpointCourse:
        if (self.dose_mg is None) == (self.dose_mg_per_kg is None):
            raise ValueError("give exactly one of dose_mg or dose_mg_per_kg")
        if (self.doses is None) == (self.stop_day is None):
            raise ValueError("give exactly one of doses (a count) or stop_day")
        if self.stop_day is not None and self.stop_day < self.start_day:
            raise ValueError("stop_day must not be before start_day")
        if self.stop_day is not None and (
            self.stop_day - self.start_day > (MAX_ANTIBODY_DOSES - 1) * self.interval_day
        ):
            raise ValueError(
                f"stop_day with interval_day {self.interval_day:g} gives more than "
                f"{MAX_ANTIBODY_DOSES} doses (at most {MAX_ANTIBODY_DOSES}; lengthen the interval "
                "or give doses)"
            )
        return self

    def dose_days(self) -> list[float]:
        """Day of each administration."""
        if self.doses is not None:
            return [self.start_day + k * self.interval_day for k in range(self.doses)]
        assert self.stop_day is not None
        count = math.floor((self.stop_day - self.start_day) / self.interval_day + 1e-9) + 1
        return [self.start_day + k * self.interval_day for k in range(count)]

    def dose_amount_mg(self, body_weight_kg: float) -> float:
        """Amount per administration [mg]; mg/kg doses scale with body weight."""
        if self.dose_mg is not None:
            return self.dose_mg
        assert self.dose_mg_per_kg is not None
        return self.dose_mg_per_kg * body_weight_kg


class GmCsfCourse(_Strict):
    """Repeated subcutaneous GM-CSF (sargramostim) doses, e.g. 125 ug/m2 daily for 14 days."""

    dose_ug: PositiveFloat | None = None
    dose_ug_per_m2: PositiveFloat | None = None
    start_day: NonNegativeFloat = 0.0
    interval_day: Annotated[float, Field(ge=0.25, le=60)] = 1.0
    doses: Annotated[int, Field(ge=1, le=400)]

    @model_validator(mode="after")
    def _one_amount(self) -> GmCsfCourse:
        if (self.dose_ug is None) == (self.dose_ug_per_m2 is None):
            raise ValueError("give exactly one of dose_ug or dose_ug_per_m2 (a number > 0)")
        return self

    def dose_days(self) -> list[float]:
        """Day of each injection."""
        return [self.start_day + k * self.interval_day for k in range(self.doses)]


class Treatment(_Strict):
    """What is done to a patient, as one value shared by scenarios and trial arms:
    external-beam courses, Y-90 administrations, checkpoint-antibody and GM-CSF courses.
    Compiled for a :class:`Patient` by ``protocols.schedule.compile_schedule``."""

    external_beam: list[ExternalBeamCourse] = Field(default_factory=list)
    y90: list[Y90Administration] = Field(default_factory=list, max_length=4)
    checkpoint: list[CheckpointCourse] = Field(default_factory=list)
    gm_csf: list[GmCsfCourse] = Field(default_factory=list)

    def radiation_targets(self) -> set[str]:
        """Lesions that are the target of an external-beam course or treated by Y-90."""
        targets = {course.target for course in self.external_beam}
        for administration in self.y90:
            targets.update(administration.treated_lesions)
        return targets


class Patient(_Strict):
    """Who is treated and for how long: species, body weight, lesions, follow-up and the times
    at which the solution is reported."""

    species: Literal["human", "mouse"] = "human"
    body_weight_kg: Annotated[float, Field(gt=0, le=400)] = 70.0
    lesions: list[Lesion] = Field(min_length=1, max_length=50)
    duration_day: Annotated[float, Field(gt=0, le=3650)] = 365.0
    output_times_day: list[NonNegativeFloat] = Field(min_length=1, max_length=MAX_OUTPUT_TIMES)

    def lesion_names(self) -> list[str]:
        """Names of the lesions in order."""
        return [lesion.name for lesion in self.lesions]


class Scenario(_Strict):
    """A patient or mouse with its lesions, parameters and treatment."""

    name: ScenarioName = "scenario"
    description: Annotated[str, Field(max_length=10_000)] = ""
    species: Literal["human", "mouse"] = "human"
    body_weight_kg: Annotated[float, Field(gt=0, le=400)] = 70.0
    parameter_set: str | None = None
    parameter_overrides: dict[str, float] = Field(default_factory=dict)
    lesions: list[Lesion] = Field(min_length=1, max_length=50)
    external_beam: list[ExternalBeamCourse] = Field(default_factory=list)
    y90: list[Y90Administration] = Field(default_factory=list, max_length=4)
    checkpoint: list[CheckpointCourse] = Field(default_factory=list)
    gm_csf: list[GmCsfCourse] = Field(default_factory=list)
    duration_day: Annotated[float, Field(gt=0, le=3650)] = 365.0
    output_interval_day: Annotated[float, Field(gt=0, le=365)] = 1.0
    output_times_day: (
        Annotated[list[NonNegativeFloat], Field(min_length=1, max_length=MAX_OUTPUT_TIMES)] | None
    ) = None
    seed: Annotated[int, Field(ge=0, le=2**32 - 1, strict=True)] = 0  # true is not a seed

    @model_validator(mode="before")
    @classmethod
    def _species_body_weight(cls, data: Any) -> Any:
        """A scenario without a body weight takes its species' default (a mouse is not 70 kg)."""
        if isinstance(data, dict) and "body_weight_kg" not in data:
            species = data.get("species", "human")
            if species in BODY_WEIGHT_KG:
                data = {**data, "body_weight_kg": BODY_WEIGHT_KG[species][0]}
        return data

    @property
    def parameter_set_name(self) -> str:
        """Named parameter set, defaulting to the species' default set."""
        return self.parameter_set or f"{self.species}_default"

    def lesion_names(self) -> list[str]:
        """Names of the lesions in scenario order."""
        return [lesion.name for lesion in self.lesions]

    @property
    def treatment(self) -> Treatment:
        """The scenario's treatment as one value."""
        return Treatment(
            external_beam=self.external_beam,
            y90=self.y90,
            checkpoint=self.checkpoint,
            gm_csf=self.gm_csf,
        )

    def with_treatment(self, treatment: Treatment, name: str | None = None) -> Scenario:
        """The same patient (lesions, parameters, follow-up) given ``treatment`` instead, renamed
        to ``name`` when one is given. ``treatment`` must name only this scenario's lesions."""
        update: dict[str, Any] = dict(treatment)
        if name is not None:
            update["name"] = name
        return self.model_copy(update=update)

    @property
    def patient(self) -> Patient:
        """The scenario's patient, with the output times resolved."""
        return Patient(
            species=self.species,
            body_weight_kg=self.body_weight_kg,
            lesions=self.lesions,
            duration_day=self.duration_day,
            output_times_day=self.output_times(),
        )

    def output_times(self) -> list[float]:
        """Times at which the solution is reported [day]."""
        if self.output_times_day is not None:
            return sorted(set(self.output_times_day))
        count = math.floor(self.duration_day / self.output_interval_day + 1e-9)
        times = [k * self.output_interval_day for k in range(count + 1)]
        if times[-1] < self.duration_day - 1e-9:
            times.append(self.duration_day)
        return times


def check_lung_dose(administration: Y90Administration, field: str) -> None:
    """Refuse a Y-90 administration whose lung dose exceeds the 30 Gy limit."""
    lung_gy = administration.lung_dose_gy()
    if lung_gy > LUNG_DOSE_LIMIT_GY:
        raise ScenarioError(
            f"{field}.activity_gbq",
            f"lung dose {lung_gy:.1f} Gy exceeds the {LUNG_DOSE_LIMIT_GY:.0f} Gy limit "
            f"per administration (activity {administration.activity_gbq:g} GBq x lung shunt "
            f"{administration.lung_shunt_fraction:g}); reduce the activity",
        )


def _check_lesion(name: str, field: str, known: list[str]) -> None:
    if name not in known:
        raise ScenarioError(
            field,
            f"unknown lesion {name!r}{did_you_mean(name, known)} (lesions: {', '.join(known)})",
        )


def check_scenario(scenario: Scenario) -> None:
    """Semantic checks that need the whole scenario; raises :class:`ScenarioError`."""
    if scenario.output_times_day is None and (
        scenario.duration_day > (MAX_OUTPUT_TIMES - 1) * scenario.output_interval_day
    ):
        raise ScenarioError(
            "output_interval_day",
            f"{scenario.output_interval_day:g} with duration_day {scenario.duration_day:g} gives "
            f"more than {MAX_OUTPUT_TIMES} output times (at most {MAX_OUTPUT_TIMES})",
        )
    _, lightest, heaviest = BODY_WEIGHT_KG[scenario.species]
    if not lightest <= scenario.body_weight_kg <= heaviest:
        raise ScenarioError(
            "body_weight_kg",
            f"a {scenario.species} weighs {lightest:g} to {heaviest:g} kg, not "
            f"{scenario.body_weight_kg:g} kg",
        )
    known = scenario.lesion_names()
    duplicates = sorted({name for name in known if known.count(name) > 1})
    if duplicates:
        raise ScenarioError("lesions", f"lesion names must be unique; repeated: {duplicates}")
    if scenario.parameter_set_name not in PARAMETER_SETS:
        raise ScenarioError(
            "parameter_set",
            f"unknown parameter set {scenario.parameter_set_name!r}"
            f"{did_you_mean(scenario.parameter_set_name, list(PARAMETER_SETS))} "
            f"(known: {', '.join(sorted(PARAMETER_SETS))})",
        )
    parameter_set = get_parameter_set(scenario.parameter_set_name)
    if parameter_set.species != scenario.species:
        raise ScenarioError(
            "parameter_set",
            f"parameter set {parameter_set.name!r} is for {parameter_set.species}, "
            f"but species is {scenario.species!r}",
        )
    for name, value in scenario.parameter_overrides.items():
        try:
            parameter = parameter_set[name]
        except UnknownParameterError as error:
            raise ScenarioError(f"parameter_overrides.{name}", error.message) from None
        if not accepted_range.accepts(name, parameter, value):
            raise ScenarioError(
                f"parameter_overrides.{name}",
                f"give a value in {accepted_range.range_text(name, parameter)}, not {value:g}",
            )
    for index, lesion in enumerate(scenario.lesions):
        for name, value in lesion.parameters.items():
            field_name = f"lesions[{index}].parameters.{name}"
            if name not in LESION_PARAMETERS:
                raise ScenarioError(
                    field_name,
                    f"a lesion cannot carry its own {name!r}"
                    f"{did_you_mean(name, list(LESION_PARAMETERS))}; lesion-level parameters "
                    f"are {', '.join(LESION_PARAMETERS)}",
                )
            parameter = parameter_set[name]
            if not accepted_range.accepts(name, parameter, value):
                raise ScenarioError(
                    field_name,
                    f"give a value in {accepted_range.range_text(name, parameter)}, not {value:g}",
                )
        if lesion.organ == "bone" and lesion.bone_pattern is None:
            raise ScenarioError(
                f"lesions[{index}].bone_pattern", "bone lesions need one of: lytic, blastic, mixed"
            )
    late = [day for day in scenario.output_times() if day > scenario.duration_day]
    if late:
        raise ScenarioError(
            "output_times_day",
            f"output time {late[0]:g} falls after duration_day {scenario.duration_day:g}",
        )
    _check_external_beam(scenario, known)
    _check_checkpoint(scenario)
    _check_gm_csf(scenario)
    for index, administration in enumerate(scenario.y90):
        field = f"y90[{index}]"
        check_lung_dose(administration, field)
        if administration.day > scenario.duration_day:
            raise ScenarioError(
                f"{field}.day",
                f"Y-90 on day {administration.day:g} falls after duration_day "
                f"{scenario.duration_day:g}",
            )
        for lesion_index, name in enumerate(administration.treated_lesions):
            _check_lesion(name, f"{field}.treated_lesions[{lesion_index}]", known)
            organ = scenario.lesions[known.index(name)].organ
            if organ != "liver":
                raise ScenarioError(
                    f"{field}.treated_lesions[{lesion_index}]",
                    f"Y-90 radioembolization treats liver lesions only; {name!r} is in {organ}",
                )
        for name in administration.lesion_dose_gy or {}:
            if name not in administration.treated_lesions:
                raise ScenarioError(
                    f"{field}.lesion_dose_gy.{name}", "lesion is not listed in treated_lesions"
                )


def _check_external_beam(scenario: Scenario, known: list[str]) -> None:
    irradiated_days: dict[tuple[str, float], int] = {}
    for index, course in enumerate(scenario.external_beam):
        field = f"external_beam[{index}]"
        _check_lesion(course.target, f"{field}.target", known)
        for name in course.scatter_dose_per_fraction_gy:
            _check_lesion(name, f"{field}.scatter_dose_per_fraction_gy.{name}", known)
            if name == course.target:
                raise ScenarioError(
                    f"{field}.scatter_dose_per_fraction_gy.{name}",
                    "the target lesion cannot also receive scatter dose from its own course",
                )
        days = course.fraction_days()
        if len(set(days)) != len(days):
            raise ScenarioError(f"{field}.days", "two fractions of one course on the same day")
        for day in days:
            if day > scenario.duration_day:
                raise ScenarioError(
                    f"{field}.start_day",
                    f"fraction on day {day:g} falls after duration_day {scenario.duration_day:g}",
                )
            key = (course.target, day)
            if key in irradiated_days:
                raise ScenarioError(
                    f"{field}.start_day",
                    f"fraction overlap: lesion {course.target!r} already receives a fraction on "
                    f"day {day:g} from external_beam[{irradiated_days[key]}]",
                )
            irradiated_days[key] = index


def _check_checkpoint(scenario: Scenario) -> None:
    targets: dict[str, int] = {}
    for index, course in enumerate(scenario.checkpoint):
        field = f"checkpoint[{index}]"
        names = sorted(ANTIBODIES)
        if course.drug not in ANTIBODIES:
            raise ScenarioError(
                f"{field}.drug",
                f"unknown drug {course.drug!r}{did_you_mean(course.drug, names)} "
                f"(known: {', '.join(names)})",
            )
        antibody = ANTIBODIES[course.drug]
        if antibody.species != scenario.species:
            raise ScenarioError(
                f"{field}.drug",
                f"{course.drug} is a {antibody.species} antibody; species is {scenario.species}",
            )
        previous = targets.get(antibody.target)
        if previous is not None and scenario.checkpoint[previous].drug != course.drug:
            raise ScenarioError(
                f"{field}.drug",
                f"two different {antibody.target} antibodies in one scenario are not supported",
            )
        targets[antibody.target] = index
        last = course.dose_days()[-1]
        if last > scenario.duration_day:
            raise ScenarioError(
                f"{field}.doses",
                f"the last dose (day {last:g}) falls after duration_day {scenario.duration_day:g}",
            )
        route = course.route or antibody.default_route
        infusion_day = course.infusion_min / MINUTES_PER_DAY if route == "iv" else 0.0
        if round(last + infusion_day, 9) > round(scenario.duration_day, 9):
            raise ScenarioError(
                f"{field}.infusion_min",
                f"the last infusion (day {last:g}, {course.infusion_min:g} min) ends after "
                f"duration_day {scenario.duration_day:g}",
            )


def _check_gm_csf(scenario: Scenario) -> None:
    for index, course in enumerate(scenario.gm_csf):
        field = f"gm_csf[{index}]"
        if course.dose_ug_per_m2 is not None and scenario.species != "human":
            raise ScenarioError(
                f"{field}.dose_ug_per_m2",
                PER_M2_NEEDS_HUMAN,
            )
        if course.dose_days()[-1] > scenario.duration_day:
            raise ScenarioError(
                f"{field}.doses",
                f"the last dose (day {course.dose_days()[-1]:g}) falls after duration_day "
                f"{scenario.duration_day:g}",
            )


def _location(error: dict[str, Any]) -> str:
    parts: list[str] = []
    for part in error["loc"]:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part}]"] if parts else [f"[{part}]"]
        elif isinstance(part, str) and "[" not in part and not part.startswith("function-"):
            parts.append(part)
    return ".".join(parts) or "scenario"


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation (``list[M]``, ``dict[str, M]``, ``M | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _fields_at(model: type[BaseModel], location: tuple) -> list[str]:
    """Accepted field names of the (nested) model that holds the last part of ``location``."""
    current = model
    for part in location[:-1]:
        field = current.model_fields.get(part) if isinstance(part, str) else None
        inner = _model_in(field.annotation) if field is not None else None
        if inner is not None:
            current = inner
    return list(current.model_fields)


def _describe(error: dict[str, Any], model: type[BaseModel]) -> str:
    field = _location(error)
    kind = error["type"]
    if kind == "extra_forbidden":
        name = field.rsplit(".", 1)[-1]
        known = _fields_at(model, tuple(error["loc"]))
        return f"{field}: unknown field{did_you_mean(name, known)} (accepted: {', '.join(known)})"
    if kind == "missing":
        return f"{field}: required field is missing"
    message = accepted_form(error)
    if kind in ("literal_error", "enum") and isinstance(error.get("input"), str):
        expected = re.findall(r"'([^']*)'", str((error.get("ctx") or {}).get("expected", "")))
        message += did_you_mean(error["input"], expected)
    return f"{field}: {message}"


def validate_mapping(model: type[ModelT], data: Any, field: str) -> ModelT:
    """Validate parsed YAML into ``model``; the first problem becomes a :class:`ScenarioError`
    naming the field (an unknown key is reported first: it often explains a "missing" sibling,
    e.g. a unit typo)."""
    if not isinstance(data, dict):
        raise ScenarioError(field, "the file must contain a mapping of fields (YAML keys)")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        errors = error.errors()
        first = next((item for item in errors if item["type"] == "extra_forbidden"), errors[0])
        location, _, message = _describe(first, model).partition(": ")
        raise ScenarioError(location, message) from None


def scenario_from_dict(data: Any) -> Scenario:
    """Validate a mapping (parsed YAML) into a :class:`Scenario`; raises :class:`ScenarioError`."""
    scenario = validate_mapping(Scenario, data, "scenario")
    check_scenario(scenario)
    return scenario


def read_yaml_file(path: str | Path, field: str) -> Any:
    """Parsed YAML of a file by the one strict reader (:mod:`abscopal.yaml_input`); every
    problem becomes a ScenarioError on ``field`` (``SCENARIO``, ``TRIAL``) naming the file."""
    try:
        return yaml_input.read_yaml_file(path, field)
    except yaml_input.YamlInputError as error:
        raise ScenarioError(error.field, error.message) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario YAML file."""
    return scenario_from_dict(read_yaml_file(path, "SCENARIO"))


def parse_yaml_text(text: str, field: str = "SCENARIO", source: str = "the file") -> Any:
    """Parsed YAML of ``text`` by the strict reader; a problem becomes a :class:`ScenarioError`
    on ``field`` naming ``source`` and the line and column."""
    try:
        return yaml_input.parse_yaml_text(text, field, source)
    except yaml_input.YamlInputError as error:
        raise ScenarioError(error.field, error.message) from None
