"""The trial file: cohort distributions, arms, imaging visits, follow-up and measurement noise.

Arms reuse the scenario schema's treatment blocks (``external_beam``, ``y90``, ``checkpoint``,
``gm_csf``); lesions of a virtual patient are named ``L1``, ``L2``, … with ``L1`` the index
lesion (the one an arm may irradiate), sampled from ``cohort.index_lesion_sites``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from abscopal.parameters import accepted_range
from abscopal.parameters.organ_sites import ORGAN_SITES
from abscopal.parameters.parameter_set import ParameterSet
from abscopal.scenario import (
    BODY_WEIGHT_KG,
    PER_M2_NEEDS_HUMAN,
    ScenarioError,
    Treatment,
    read_yaml_file,
    validate_mapping,
)

Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
MOUSE_WEIGHT_CV = 0.1  # body weight of an inbred cohort of one age: ~10 % (assumed)
Share = Annotated[float, Field(ge=0, le=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LogNormal(_Strict):
    """A positive quantity: log-normal with this median and coefficient of variation."""

    median: Positive | None = None  # default: the parameter set's value
    cv: Annotated[float, Field(ge=0, le=5)]


class LesionVariation(_Strict):
    """How a lesion-level parameter differs between the lesions of one patient.

    Each lesion's value is the median moved by ``sd`` standard deviations on the natural-log
    scale (a positive parameter) or on the logit scale (a share, whose accepted range lies in
    [0, 1]): ``transform(value) = transform(median) + sd * (sqrt(rho) * z_patient +
    sqrt(1 - rho) * z_lesion)`` with ``rho = within_patient_correlation``, so two lesions of one
    patient correlate with ``rho`` on that scale (rho = 1: one value per patient; 0:
    independent lesions). Values are clipped to the parameter's accepted range."""

    median: Positive | None = None  # default: the parameter set's value
    sd: Annotated[float, Field(ge=0, le=5)]
    within_patient_correlation: Annotated[float, Field(ge=0, le=1)]


class SizeDistribution(_Strict):
    """Baseline longest diameters [mm]: log-normal, truncated to [min_mm, max_mm]."""

    median_mm: Positive = 25.0
    cv: Annotated[float, Field(ge=0, le=5)] = 0.4
    min_mm: Positive = 10.0
    max_mm: Positive = 80.0

    @model_validator(mode="after")
    def _ordered(self) -> SizeDistribution:
        if not self.min_mm < self.max_mm:
            raise ValueError("min_mm must be below max_mm")
        return self


class PdL1Stratum(_Strict):
    """Share of patients in the stratum and the tumor PD-L1 level given to their lesions."""

    share: Share
    pd_l1_baseline: Annotated[float, Field(ge=0)]


class Correlation(_Strict):
    """Correlation of two sampled parameters (on the log scale)."""

    between: Annotated[list[str], Field(min_length=2, max_length=2)]
    rho: Annotated[float, Field(gt=-1, lt=1)]


class OccultSize(SizeDistribution):
    """Diameters [mm] of occult lesions at baseline: log-normal, truncated (defaults assumed:
    median 2 mm, about 4 million cells, below what CT shows)."""

    median_mm: Positive = 2.0
    cv: Annotated[float, Field(ge=0, le=5)] = 0.5
    min_mm: Positive = 0.5
    max_mm: Positive = 5.0


class OccultLesions(_Strict):
    """Metastases below imaging detection at baseline. They are simulated like the visible
    lesions (same patient parameters, never irradiated) and are not measured until their measured
    longest diameter reaches ``detection_mm``; from that scan on they are new lesions, which is
    progression under RECIST 1.1. Without them a simulated patient can progress only by growth
    of the baseline lesions."""

    count: Annotated[list[int], Field(min_length=2, max_length=2)] = [0, 2]
    diameter: OccultSize = OccultSize()
    sites: dict[str, Share] | None = None  # default: cohort.other_lesion_sites
    detection_mm: Positive = 10.0

    @model_validator(mode="after")
    def _consistent(self) -> OccultLesions:
        low, high = self.count
        if not 0 <= low <= high <= 5:
            raise ValueError("count must be [min, max] with 0 <= min <= max <= 5")
        if not self.diameter.max_mm < self.detection_mm:
            raise ValueError(
                "diameter.max_mm must be below detection_mm (an occult lesion is not yet seen)"
            )
        return self


class Cohort(_Strict):
    """How virtual patients differ."""

    parameters: dict[str, LogNormal] = Field(default_factory=dict)
    correlations: list[Correlation] = Field(default_factory=list)
    lesion_count: Annotated[list[int], Field(min_length=2, max_length=2)] = [2, 4]
    index_lesion_sites: dict[str, Share] = Field(default_factory=lambda: {"lung": 1.0})
    other_lesion_sites: dict[str, Share] = Field(
        default_factory=lambda: {
            "lung": 0.3,
            "liver": 0.25,
            "adrenal": 0.15,
            "bone": 0.15,
            "brain": 0.0,
            "lymph_node": 0.15,
        }
    )
    baseline_diameter: SizeDistribution = SizeDistribution()
    pd_l1_strata: dict[str, PdL1Stratum] = Field(default_factory=dict)
    body_weight_kg: LogNormal = LogNormal(median=72.0, cv=0.2)
    occult_lesions: OccultLesions | None = None
    lesion_parameters: dict[str, LesionVariation] = Field(default_factory=dict)
    """Lesion-level parameters (``LESION_PARAMETERS``) drawn per lesion, e.g. the stromal
    barrier of an immune-excluded lesion; drawn after everything else, so a file without them
    samples the same patients."""

    @model_validator(mode="after")
    def _consistent(self) -> Cohort:
        low, high = self.lesion_count
        if not 1 <= low <= high <= 10:
            raise ValueError("lesion_count must be [min, max] with 1 <= min <= max <= 10")
        site_lists = [
            ("index_lesion_sites", self.index_lesion_sites),
            ("other_lesion_sites", self.other_lesion_sites),
        ]
        if self.occult_lesions is not None and self.occult_lesions.sites is not None:
            site_lists.append(("occult_lesions.sites", self.occult_lesions.sites))
        for label, sites in site_lists:
            unknown = sorted(set(sites) - set(ORGAN_SITES))
            if unknown:
                raise ValueError(
                    f"{label}: unknown organ {unknown[0]!r} "
                    f"(accepted: {', '.join(sorted(ORGAN_SITES))})"
                )
            if sum(sites.values()) <= 0:
                raise ValueError(f"{label}: shares must not all be zero")
        if self.pd_l1_strata and abs(sum(s.share for s in self.pd_l1_strata.values()) - 1) > 1e-6:
            raise ValueError("pd_l1_strata shares must add up to 1")
        named = set(self.parameters)
        pairs: set[frozenset[str]] = set()
        for index, correlation in enumerate(self.correlations):
            pair = frozenset(correlation.between)
            if len(pair) == 1:
                raise ValueError(
                    f"correlations[{index}]: {correlation.between[0]!r} is correlated with itself; "
                    "name two different parameters"
                )
            if pair in pairs:
                raise ValueError(
                    f"correlations[{index}]: the pair {sorted(pair)} is given twice; give each "
                    "pair once"
                )
            pairs.add(pair)
            missing = [name for name in correlation.between if name not in named]
            if missing:
                raise ValueError(
                    f"correlations[{index}]: {missing[0]!r} is not a sampled "
                    "parameter (list it under cohort.parameters)"
                )
        return self


class Arm(Treatment):
    """One treatment arm: a named :class:`~abscopal.scenario.Treatment` (the same value a
    scenario carries); lesion names L1 (index lesion), L2, … (occult lesions, O1, O2, …,
    cannot be treated: nobody knows where they are)."""

    name: Annotated[str, Field(pattern=r"^[A-Za-z0-9_\-]+$")]


class Visits(_Strict):
    """Imaging schedule: a baseline at day 0, then every ``interval_day`` from ``first_day``."""

    interval_day: Annotated[float, Field(ge=1, le=3650, allow_inf_nan=False)] = 42.0
    first_day: Annotated[float, Field(gt=0, le=3650, allow_inf_nan=False)] = 42.0


class Noise(_Strict):
    """Measurement noise of diameters: additive [mm] and relative (SD)."""

    additive_mm: Annotated[float, Field(ge=0, le=50, allow_inf_nan=False)] = 1.0
    relative: Annotated[float, Field(ge=0, lt=1)] = 0.05


class Plausibility(_Strict):
    """Ranges a plausible virtual patient must fall in, read from an untreated simulation of
    ``window_day`` days: total tumor volume doubling time, baseline sum of diameters and
    circulating lymphocytes."""

    window_day: Annotated[float, Field(gt=0, le=365)] = 56.0
    doubling_time_day: Annotated[list[Positive], Field(min_length=2, max_length=2)] = [20.0, 600.0]
    sum_of_diameters_mm: Annotated[list[Positive], Field(min_length=2, max_length=2)] = [
        10.0,
        300.0,
    ]
    lymphocytes_per_ul: Annotated[list[Positive], Field(min_length=2, max_length=2)] = [
        500.0,
        4000.0,
    ]
    max_candidates_per_patient: Annotated[int, Field(ge=1, le=1000)] = 20


class Selection(_Strict):
    """Target distributions the virtual population is selected to match (Allen, Rieger &
    Musante 2016): a log-normal per read-out of the untreated simulation."""

    doubling_time_day: LogNormal | None = None
    sum_of_diameters_mm: LogNormal | None = None


PrimaryEndpoint = Literal[
    "orr",
    "out_of_field_orr",
    "dcr",
    "abscopal_response_rate",
    "orr_at_read_out",
    "out_of_field_orr_at_read_out",
    "pfs",
    "out_of_field_pfs",
]
"""The endpoints a trial file may name as its primary one (see docs/trials.md)."""


class TrialSpec(_Strict):
    """A virtual trial."""

    name: str = "trial"
    description: str = ""
    species: str = "human"
    parameter_set: str | None = None
    patients: Annotated[int, Field(ge=1, le=10_000_000)] = 100
    seed: Annotated[int, Field(ge=0, le=2**32 - 1, strict=True)] = 0  # true is not a seed
    cohort: Cohort = Cohort()
    arms: list[Arm] = Field(min_length=1)
    visits: Visits = Visits()
    follow_up_day: Annotated[float, Field(gt=0, le=3650)] = 365.0
    read_out_day: Annotated[float, Field(gt=0)] | None = None  # e.g. 84: ORR at 12 weeks
    primary_endpoint: PrimaryEndpoint | None = None  # as the trial's publication states it
    noise: Noise = Noise()
    plausibility: Plausibility = Plausibility()
    selection: Selection = Selection()

    @model_validator(mode="before")
    @classmethod
    def _species_body_weight(cls, data: Any) -> Any:
        """A mouse cohort without a body weight weighs as mice do (not the human 72 kg)."""
        if isinstance(data, dict) and data.get("species") == "mouse":
            cohort = data.get("cohort") or {}
            if isinstance(cohort, dict) and "body_weight_kg" not in cohort:
                weight = {"median": BODY_WEIGHT_KG["mouse"][0], "cv": MOUSE_WEIGHT_CV}
                data = {**data, "cohort": {**cohort, "body_weight_kg": weight}}
        return data

    @field_validator("arms")
    @classmethod
    def _distinct_arms(cls, arms: list[Arm]) -> list[Arm]:
        names = [arm.name for arm in arms]
        if len(set(names)) != len(names):
            raise ValueError("arm names must be distinct")
        return arms

    @field_validator("read_out_day")
    @classmethod
    def _read_out_within_follow_up(cls, day: float | None, info: ValidationInfo) -> float | None:
        follow_up = info.data.get("follow_up_day")
        if day is not None and follow_up is not None and day > follow_up:
            raise ValueError(f"must not be after follow_up_day ({follow_up:g})")
        return day

    @model_validator(mode="after")
    def _primary_at_read_out(self) -> TrialSpec:
        if (
            self.primary_endpoint is not None
            and self.primary_endpoint.endswith("_at_read_out")
            and self.read_out_day is None
        ):
            raise ValueError(
                f"primary_endpoint {self.primary_endpoint} needs read_out_day (e.g. 84 for 12 weeks)"
            )
        return self

    @property
    def parameter_set_name(self) -> str:
        """Named parameter set (the species' default unless given)."""
        return self.parameter_set or f"{self.species}_default"

    def with_cohort_medians(self, medians: dict[str, float]) -> TrialSpec:
        """The trial with these cohort medians: a sampled parameter keeps its CV, any other is
        fixed at the value (CV 0) for every patient."""
        parameters = dict(self.cohort.parameters)
        for name, median in medians.items():
            cv = parameters[name].cv if name in parameters else 0.0
            parameters[name] = LogNormal(median=median, cv=cv)
        cohort = self.cohort.model_copy(update={"parameters": parameters})
        return self.model_copy(update={"cohort": cohort})


def trial_from_dict(data: Any) -> TrialSpec:
    """Validate parsed YAML into a :class:`TrialSpec`; raises ScenarioError naming the field."""
    spec = validate_mapping(TrialSpec, data, "TRIAL")
    from abscopal.parameters import get_parameter_set

    try:
        known = get_parameter_set(spec.parameter_set_name)
    except KeyError as error:
        raise ScenarioError("parameter_set", str(error).strip("'\"")) from None
    _, lightest, heaviest = BODY_WEIGHT_KG.get(spec.species, (None, 0.0, math.inf))
    weight = spec.cohort.body_weight_kg.median
    if weight is not None and not lightest <= weight <= heaviest:
        raise ScenarioError(
            "cohort.body_weight_kg.median",
            f"a {spec.species} weighs {lightest:g} to {heaviest:g} kg, not {weight:g} kg",
        )
    for arm_index, arm in enumerate(spec.arms):
        for course_index, course in enumerate(arm.gm_csf):
            if course.dose_ug_per_m2 is not None and spec.species != "human":
                raise ScenarioError(
                    f"arms[{arm_index}].gm_csf[{course_index}].dose_ug_per_m2",
                    PER_M2_NEEDS_HUMAN,
                )
    for arm_index, arm in enumerate(spec.arms):
        targets = [
            (f"external_beam[{index}].target", [course.target])
            for index, course in enumerate(arm.external_beam)
        ] + [
            (f"y90[{index}].treated_lesions", administration.treated_lesions)
            for index, administration in enumerate(arm.y90)
        ]
        for field, names in targets:
            if any(not name.startswith("L") for name in names):
                raise ScenarioError(
                    f"arms[{arm_index}].{field}",
                    "visible lesions L1, L2, … (occult lesions cannot be targeted)",
                )
    if spec.visits.first_day > spec.follow_up_day:
        raise ScenarioError(
            "visits.first_day",
            f"{spec.visits.first_day:g} is after follow_up_day ({spec.follow_up_day:g}): no "
            "scan would follow the baseline",
        )
    _check_arms_against_the_cohort(spec)
    for name, distribution in spec.cohort.parameters.items():
        if name not in known:
            raise ScenarioError(
                f"cohort.parameters.{name}",
                f"not a parameter of {spec.parameter_set_name} (see 'abscopal params show')",
            )
        parameter = known[name]
        median = distribution.median
        if median is not None and not accepted_range.accepts(name, parameter, median):
            raise ScenarioError(
                f"cohort.parameters.{name}.median",
                f"{median:g} is outside the parameter's range "
                f"{accepted_range.range_text(name, parameter)}",
            )
    _check_lesion_variation(spec, known)
    return spec


def _check_lesion_variation(spec: TrialSpec, known: ParameterSet) -> None:
    """Each ``cohort.lesion_parameters`` entry names a lesion-level parameter that is sampled
    nowhere else and whose median lies inside the scale it varies on."""
    from abscopal.errors import did_you_mean
    from abscopal.models.inputs import LESION_PARAMETERS

    for name, variation in spec.cohort.lesion_parameters.items():
        field = f"cohort.lesion_parameters.{name}"
        if name not in LESION_PARAMETERS:
            raise ScenarioError(
                field,
                f"not a lesion-level parameter{did_you_mean(name, list(LESION_PARAMETERS))} "
                f"(accepted: {', '.join(LESION_PARAMETERS)})",
            )
        if name in spec.cohort.parameters:
            raise ScenarioError(
                field,
                "also sampled per patient under cohort.parameters; sample it in one place",
            )
        if name == "pdl1_baseline" and spec.cohort.pd_l1_strata:
            raise ScenarioError(
                field, "cohort.pd_l1_strata already sets each lesion's PD-L1; use one of the two"
            )
        parameter = known[name]
        median = variation.median if variation.median is not None else parameter.value
        low, high = (0.0, 1.0) if parameter.upper <= 1.0 else (0.0, float("inf"))
        if not low < median < high:
            scale = "a share, varied on the logit scale" if high == 1.0 else "varied on a log scale"
            raise ScenarioError(
                f"{field}.median",
                f"median {median} must lie strictly inside ({low}, {high}) ({name} is {scale}); "
                "give a median",
            )


def _check_arms_against_the_cohort(spec: TrialSpec) -> None:
    """Each arm as the scenario of a patient with the fewest lesions the cohort allows, over the
    follow-up, for every site the cohort can give the index lesion (L1) and the other lesions:
    a dose after the follow-up, a target lesion some patients lack, or a treatment a sampled
    site cannot take (Y-90 to a lesion outside the liver) is refused when the file loads
    (naming ``arms[i]....``), not in the middle of a run."""
    from abscopal.scenario import scenario_from_dict
    from abscopal.trials.cohort import lesion_entry

    count = spec.cohort.lesion_count[0]
    index_sites = sorted(site for site, share in spec.cohort.index_lesion_sites.items() if share)
    other_sites = sorted(site for site, share in spec.cohort.other_lesion_sites.items() if share)
    layouts = [
        (index_site, other_site)
        for index_site in index_sites
        for other_site in (other_sites if count > 1 else other_sites[:1])
    ]
    for index, arm in enumerate(spec.arms):
        for index_site, other_site in layouts:
            lesions = [
                lesion_entry(f"L{number + 1}", index_site if number == 0 else other_site, 20.0)
                for number in range(count)
            ]
            scenario = {
                "name": f"{spec.name}-{arm.name}",
                "species": spec.species,
                "parameter_set": spec.parameter_set_name,
                "lesions": lesions,
                "duration_day": spec.follow_up_day,
                **arm.model_dump(exclude={"name"}, exclude_defaults=True),
            }
            try:
                scenario_from_dict(scenario)
            except ScenarioError as error:
                message = error.message
                if error.field.startswith("lesions") or "unknown lesion" in message:
                    message += f" (patients may have as few as {count} lesions)"
                elif len(layouts) > 1:
                    message += (
                        f" (for patients whose index lesion L1 is in {index_site}"
                        + (f" and whose other lesions are in {other_site}" if count > 1 else "")
                        + ")"
                    )
                raise ScenarioError(f"arms[{index}].{error.field}", message) from None


def load_trial(path: str | Path) -> TrialSpec:
    """Read and validate a trial YAML file."""
    return trial_from_dict(read_yaml_file(path, "TRIAL"))
