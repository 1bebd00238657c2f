"""Write a scenario's model as SBML Level 3 Version 2 with python-libsbml.

State variables are SBML parameters with rate rules (the model is not a reaction network), model
parameters and per-lesion / per-antibody constants are constant parameters carrying their unit
and, in notes, their meaning and provenance. Shared sub-expressions become assignment rules;
initial values are initial assignments (so changing a parameter changes the initial state, as
in abscopal); fractions, antibody boluses, infusion starts and stops, GM-CSF dose-rate changes
and Y-90 onsets are events at their known times. Sphere-equivalent diameters are given as assignment rules.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import libsbml

from abscopal import __version__
from abscopal.citations import reference
from abscopal.export.expressions import ExportError, shared_nodes
from abscopal.export.model_equations import RATE_IDS_PREFIXES, ModelEquations, trace_model
from abscopal.export.units import declare_units, unit_id
from abscopal.models.observation import MEASURED_STATES
from abscopal.parameters import ParameterSet
from abscopal.scenario import Scenario
from abscopal.simulation import as_scenario, scenario_parameters

XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class SbmlExport:
    """An exported model: the SBML text and what it contains."""

    xml: str
    state_ids: list[str]
    diameter_ids: list[str]
    parameter_ids: list[str]
    output_days: list[float]
    event_count: int
    validation_messages: list[str]

    def write(self, path: str | Path) -> None:
        """Write the SBML file."""
        Path(path).write_text(self.xml, encoding="utf-8")


def _notes(element: libsbml.SBase, paragraphs: list[str]) -> None:
    body = "".join(f"<p>{html.escape(text)}</p>" for text in paragraphs if text)
    if (
        element.setNotes(f'<body xmlns="{XHTML}">{body}</body>')
        != libsbml.LIBSBML_OPERATION_SUCCESS
    ):
        raise ExportError(f"could not attach notes to {element.getId()}")


def _math(formula: str, where: str) -> libsbml.ASTNode:
    ast = libsbml.parseL3Formula(formula)
    if ast is None:
        raise ExportError(f"{where}: {libsbml.getLastParseL3Error()}")
    return ast


def _parameter(model, sid: str, value: float, unit: str, constant: bool, name: str = ""):
    parameter = model.createParameter()
    parameter.setId(sid)
    parameter.setValue(float(value))
    parameter.setConstant(constant)
    parameter.setUnits(unit_id(unit))
    if name:
        parameter.setName(name)
    return parameter


def _parameter_notes(parameter_set: ParameterSet, name: str) -> list[str]:
    entry = parameter_set[name]
    lines = [entry.description, f"Unit: {entry.unit}. Provenance: {entry.provenance}."]
    if entry.note:
        lines.append(entry.note)
    lines.extend(f"Source: {reference(key)}" for key in entry.citations)
    return lines


def build_document(equations: ModelEquations, parameter_set: ParameterSet) -> SbmlExport:
    """The SBML document of traced model equations."""
    graph = equations.graph
    scenario = equations.scenario
    document = libsbml.SBMLDocument(3, 2)
    model = document.createModel()
    model.setId("abscopal_model")
    model.setName(f"abscopal {__version__}: {scenario.name}")
    model.setTimeUnits(unit_id("day"))
    _notes(
        model,
        [
            f"Exported by abscopal {__version__} from scenario '{scenario.name}' "
            f"(species {scenario.species}, parameter set {scenario.parameter_set_name}).",
            "State variables are parameters with rate rules; time is in days. Events apply "
            "radiation fractions, antibody doses, infusion-rate and GM-CSF dose-rate changes at "
            "their times; at an "
            "event time a simulator reports the state after the event, abscopal's output grid "
            "the state before it.",
        ],
    )
    units = {entry.unit for entry in (parameter_set[name] for name in parameter_set)}
    units |= {unit for _, unit, _ in equations.constant_values.values()}
    units |= set(equations.state_units.values()) | {"day", "mm3"}
    declare_units(model, units | {"1"})

    for name, value in equations.parameter_values.items():
        parameter = _parameter(model, name, value, parameter_set[name].unit, True)
        _notes(parameter, _parameter_notes(parameter_set, name))
    for sid, (value, unit, meaning) in equations.constant_values.items():
        constant = not sid.startswith(RATE_IDS_PREFIXES)
        _parameter(model, sid, value, unit, constant, meaning)

    rate_roots = list(equations.rates.values())
    named = {node.index: f"w{count}" for count, node in enumerate(shared_nodes(rate_roots))}
    for node in shared_nodes(rate_roots):
        sid = named[node.index]
        helper = model.createParameter()
        helper.setId(sid)
        helper.setConstant(False)
        rule = model.createAssignmentRule()
        rule.setVariable(sid)
        rule.setMath(_math(graph.formula(node, named), sid))

    for sid, rate in equations.rates.items():
        state = _parameter(model, sid, 0.0, equations.state_units[sid], False)
        state.setName(equations.state_descriptions[sid])
        start = model.createInitialAssignment()
        start.setSymbol(sid)
        start.setMath(_math(graph.formula(equations.initial[sid]), f"initial value of {sid}"))
        rule = model.createRateRule()
        rule.setVariable(sid)
        rule.setMath(_math(graph.formula(rate, named), f"rate of {sid}"))

    diameter_ids = []
    for lesion_id, lesion in zip(equations.lesion_ids, scenario.lesions, strict=True):
        sid = f"{lesion_id}_diameter_mm"
        diameter = model.createParameter()
        diameter.setId(sid)
        diameter.setConstant(False)
        diameter.setUnits(unit_id("1"))
        diameter.setName(f"sphere-equivalent diameter of lesion '{lesion.name}' [mm]")
        rule = model.createAssignmentRule()
        rule.setVariable(sid)
        volume = " + ".join(f"max({lesion_id}_{part}, 0)" for part in MEASURED_STATES)
        rule.setMath(_math(f"(6 * ({volume}) / pi)^(1/3)", sid))
        diameter_ids.append(sid)

    for count, jump in enumerate(equations.jumps):
        event = model.createEvent()
        event.setId(f"event{count + 1}")
        event.setName(f"day {jump.day:g}: {jump.description}")
        event.setUseValuesFromTriggerTime(True)
        trigger = event.createTrigger()
        trigger.setInitialValue(False)
        trigger.setPersistent(True)
        trigger.setMath(_math(f"time >= {jump.day!r}", event.getId()))
        for sid, node in jump.assignments.items():
            assignment = event.createEventAssignment()
            assignment.setVariable(sid)
            assignment.setMath(_math(graph.formula(node, named), f"{event.getId()} {sid}"))

    messages = validate_document(document)
    return SbmlExport(
        xml=libsbml.writeSBMLToString(document),
        state_ids=list(equations.rates),
        diameter_ids=diameter_ids,
        parameter_ids=list(equations.parameter_values),
        output_days=[float(day) for day in equations.output_days],
        event_count=len(equations.jumps),
        validation_messages=messages,
    )


def validate_document(document: libsbml.SBMLDocument) -> list[str]:
    """libSBML's consistency checks; raises ExportError on any error, returns the warnings."""
    document.checkConsistency()
    errors, warnings = [], []
    for index in range(document.getNumErrors()):
        problem = document.getError(index)
        text = (
            f"{problem.getCategoryAsString()} {problem.getErrorId()}: {problem.getShortMessage()}"
        )
        (errors if problem.getSeverity() >= libsbml.LIBSBML_SEV_ERROR else warnings).append(text)
    if errors:
        raise ExportError("libSBML validation failed: " + "; ".join(errors[:5]))
    return warnings


def export_sbml(scenario: Scenario | str | Path | dict) -> SbmlExport:
    """The scenario's full model as SBML (raises ExportError for what cannot be exported)."""
    parsed = as_scenario(scenario)
    return build_document(trace_model(parsed), scenario_parameters(parsed))
