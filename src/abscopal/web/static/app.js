// abscopal explorer: builds a scenario from the form, sends it to the JSON API, shows results.
// The scenario object is the single source of truth; fields the form does not show are kept
// exactly as loaded (and listed under the checkpoint section).
"use strict";

const ORGANS = ["lung", "liver", "bone", "lymph_node", "brain", "adrenal", "kidney", "soft_tissue", "skin"];
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];
const VARIANT_STYLE = {
  "untreated": {stroke: "#737373", dash: [2, 4]},
  "drug alone": {stroke: "#1f77b4", dash: [8, 4]},
  "radiation alone": {stroke: "#ff7f0e", dash: [10, 4, 2, 4]},
  "combination": {stroke: "#d62728", width: 3},
};
let scenario = {
  name: "my_patient", species: "human", duration_day: 365,
  lesions: [
    {name: "lung_primary", organ: "lung", baseline_diameter_mm: 30},
    {name: "liver_met", organ: "liver", baseline_diameter_mm: 22},
  ],
  external_beam: [{target: "lung_primary", dose_per_fraction_gy: 8, fractions: 3, start_day: 7}],
  checkpoint: [{drug: "pembrolizumab", dose_mg: 200, interval_day: 21, doses: 8, start_day: 0}],
};
let solvedOnce = false;
let trial = null;  // the loaded trial design (kept whole; the form sets patients and seed)
const charts = [];  // the uPlot instances on the page (read by the browser tests)

const $ = (id) => document.getElementById(id);
const clone = (value) => JSON.parse(JSON.stringify(value));
const fixed = (value, digits) => (value === null || value === undefined ? "–" : value.toFixed(digits));
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function numberOrUndefined(id) {
  const text = $(id).value.trim();
  return text === "" ? undefined : Number(text);
}

function setValue(id, value) { $(id).value = value === undefined || value === null ? "" : value; }

function drop(object) {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
  return object;
}

// ---- the patient form ----

function lesionRow(lesion, index, course) {
  const row = document.createElement("tr");
  const organs = ORGANS.map((organ) => `<option${organ === lesion.organ ? " selected" : ""}>${organ}</option>`).join("");
  const patterns = ["", "lytic", "blastic", "mixed"].map((pattern) =>
    `<option value="${pattern}"${pattern === (lesion.bone_pattern ?? "") ? " selected" : ""}>${pattern || "—"}</option>`).join("");
  row.innerHTML = `
    <td><input class="lesion-name" aria-label="lesion ${index + 1} name" data-field="lesions[${index}].name"></td>
    <td><select class="lesion-organ" aria-label="lesion ${index + 1} organ" data-field="lesions[${index}].organ">${organs}</select></td>
    <td><input class="lesion-size" type="number" step="any" aria-label="lesion ${index + 1} size" data-field="lesions[${index}].baseline_diameter_mm"></td>
    <td><select class="lesion-unit" aria-label="lesion ${index + 1} size is"><option value="diameter">diameter [mm]</option><option value="volume">volume [mm³]</option></select></td>
    <td><input class="lesion-node" type="checkbox" aria-label="lesion ${index + 1} is a lymph node"></td>
    <td><select class="lesion-pattern" aria-label="lesion ${index + 1} bone pattern" data-field="lesions[${index}].bone_pattern">${patterns}</select></td>
    <td><input class="lesion-scatter" type="number" step="any" aria-label="lesion ${index + 1} scatter dose per fraction" data-field="external_beam[0].scatter_dose_per_fraction_gy.${escape(lesion.name)}"></td>
    <td><button type="button" class="remove-lesion" aria-label="remove lesion ${index + 1}">✕</button></td>`;
  row.querySelector(".lesion-name").value = lesion.name;
  const byVolume = lesion.baseline_volume_mm3 !== undefined && lesion.baseline_diameter_mm === undefined;
  row.querySelector(".lesion-unit").value = byVolume ? "volume" : "diameter";
  row.querySelector(".lesion-size").value = byVolume ? lesion.baseline_volume_mm3 : lesion.baseline_diameter_mm ?? "";
  row.querySelector(".lesion-node").checked = Boolean(lesion.is_lymph_node);
  const scatter = (course?.scatter_dose_per_fraction_gy ?? {})[lesion.name];
  row.querySelector(".lesion-scatter").value = scatter ?? "";
  row.querySelector(".remove-lesion").addEventListener("click", () => {
    scenario = readForm(); scenario.lesions.splice(index, 1); render();
  });
  row.querySelectorAll("input, select").forEach((element) => element.addEventListener("change", refreshTargets));
  return row;
}

function refreshTargets() {
  // options follow the rows: a renamed lesion stays the target (same row), not the first one
  const names = Array.from(document.querySelectorAll(".lesion-name")).map((input) => input.value);
  const row = $("rt-target").selectedIndex;
  $("rt-target").innerHTML = names.map((name) => `<option>${escape(name)}</option>`).join("");
  if (row >= 0 && row < names.length) $("rt-target").selectedIndex = row;
  const treated = Array.from($("y90-target").options).map((option) => option.selected);
  $("y90-target").innerHTML = names.map((name, index) => `<option${treated[index] ? " selected" : ""}>${escape(name)}</option>`).join("");
  document.querySelectorAll("#lesion-table tbody tr").forEach((row) => {
    const isTarget = $("rt-mode").value === "ebrt" && row.querySelector(".lesion-name").value === $("rt-target").value;
    row.querySelector(".lesion-scatter").disabled = isTarget || $("rt-mode").value !== "ebrt";
    row.querySelector(".lesion-pattern").disabled = row.querySelector(".lesion-organ").value !== "bone";
  });
}

function keptText(data, mode) {
  // the courses the form does not show: beyond the first of the shown modality, and all of the
  // other modality when the scenario has both
  const items = [];
  const beams = (data.external_beam ?? []).slice(mode === "ebrt" ? 1 : 0);
  const plans = (data.y90 ?? []).slice(mode === "y90" ? 1 : 0);
  for (const course of beams) items.push(`external beam ${course.fractions} × ${course.dose_per_fraction_gy} Gy to ${course.target} from day ${course.start_day ?? 0}`);
  for (const plan of plans) items.push(`Y-90 to ${plan.treated_lesions.join(", ")} on day ${plan.day ?? 0}`);
  for (const drug of (data.checkpoint ?? []).slice(1)) items.push(`${drug.drug} from day ${drug.start_day ?? 0}`);
  for (const course of data.gm_csf ?? []) items.push(`GM-CSF ${course.dose_ug_per_m2 ?? course.dose_ug} µg${course.dose_ug_per_m2 ? "/m²" : ""} × ${course.doses} from day ${course.start_day ?? 0}`);
  for (const lesion of data.lesions ?? []) {
    const own = [];
    if (lesion.pd_l1_baseline !== undefined) own.push(`PD-L1 ${lesion.pd_l1_baseline}`);
    if (lesion.doubling_time_day !== undefined) own.push(`doubling time ${lesion.doubling_time_day} d`);
    for (const [name, value] of Object.entries(lesion.parameters ?? {})) own.push(`${name} = ${value}`);
    if (own.length) items.push(`${lesion.name}: ${own.join(", ")}`);
  }
  if (data.parameter_set) items.push(`parameter set ${data.parameter_set}`);
  for (const [name, value] of Object.entries(data.parameter_overrides ?? {})) items.push(`${name} = ${value}`);
  if (data.output_times_day) items.push(`${data.output_times_day.length} output times`);
  if (data.seed) items.push(`seed ${data.seed}`);
  return items.length ? `Also in this scenario, kept as loaded: ${items.map(escape).join("; ")}.` : "";
}

function render() {
  setValue("name", scenario.name ?? "scenario");
  $("species").value = scenario.species ?? "human";
  setValue("body-weight", scenario.body_weight_kg);
  setValue("duration", scenario.duration_day ?? 365);
  setValue("output-interval", scenario.output_interval_day);
  const course = (scenario.external_beam ?? [])[0];
  const y90 = (scenario.y90 ?? [])[0];
  const body = document.querySelector("#lesion-table tbody");
  body.innerHTML = "";
  scenario.lesions.forEach((lesion, index) => body.appendChild(lesionRow(lesion, index, course)));
  $("rt-mode").value = course ? "ebrt" : y90 ? "y90" : "none";
  refreshTargets();
  if (course) {
    $("rt-target").value = course.target;
    setValue("dose", course.dose_per_fraction_gy); setValue("fractions", course.fractions);
    setValue("rt-start", course.start_day ?? 0); $("rt-schedule").value = course.schedule ?? "daily";
    setValue("rt-days", (course.days ?? []).join(", "));
    setValue("node-dose", course.draining_node_dose_per_fraction_gy ?? 0);
    setValue("blood-dose", course.blood_dose_per_fraction_gy);
    setValue("field-size", course.field_size_cm); setValue("beam-on", course.beam_on_time_min);
  }
  if (y90) {
    for (const option of $("y90-target").options) option.selected = y90.treated_lesions.includes(option.value);
    setValue("y90-day", y90.day ?? 0); setValue("activity", y90.activity_gbq);
    setValue("shunt", y90.lung_shunt_fraction ?? 0); setValue("tn", y90.tumor_to_normal_ratio ?? 3);
    setValue("liver-mass", y90.normal_liver_mass_g ?? 1500);
  }
  const drug = (scenario.checkpoint ?? [])[0];
  $("drug").value = drug ? drug.drug : "none";
  if (drug) {
    const perKg = drug.dose_mg_per_kg !== undefined && drug.dose_mg === undefined;
    setValue("drug-dose", perKg ? drug.dose_mg_per_kg : drug.dose_mg);
    $("drug-dose-unit").value = perKg ? "mg_per_kg" : "mg";
    setValue("drug-interval", drug.interval_day ?? 21);
    setValue("drug-doses", drug.doses); setValue("drug-stop", drug.stop_day); setValue("drug-start", drug.start_day ?? 0);
  }
  $("kept").textContent = keptText(scenario, $("rt-mode").value);
  setDefaultsB(scenario);
  refreshTargets();
  showPanels();
}

function showPanels() {
  const mode = $("rt-mode").value;
  $("ebrt").classList.toggle("shown", mode === "ebrt");
  $("y90").classList.toggle("shown", mode === "y90");
  document.querySelectorAll(".b-ebrt").forEach((element) => { element.hidden = mode !== "ebrt"; });
  document.querySelectorAll(".b-y90").forEach((element) => { element.hidden = mode !== "y90"; });
  refreshTargets();
}

function readLesions(result, mode, target, renames) {
  const rows = document.querySelectorAll("#lesion-table tbody tr");
  const scatter = {};
  result.lesions = Array.from(rows).map((row, index) => {
    const lesion = clone(scenario.lesions[index] ?? {});
    const name = row.querySelector(".lesion-name").value;
    if (lesion.name !== undefined && lesion.name !== name) renames[lesion.name] = name;
    lesion.name = name;
    lesion.organ = row.querySelector(".lesion-organ").value;
    const size = row.querySelector(".lesion-size").value.trim();
    const value = size === "" ? undefined : Number(size);
    delete lesion.baseline_volume_mm3; delete lesion.baseline_diameter_mm;
    if (row.querySelector(".lesion-unit").value === "volume") lesion.baseline_volume_mm3 = value;
    else lesion.baseline_diameter_mm = value;
    lesion.is_lymph_node = row.querySelector(".lesion-node").checked || undefined;
    const pattern = row.querySelector(".lesion-pattern").value;
    lesion.bone_pattern = lesion.organ === "bone" && pattern ? pattern : undefined;
    const dose = row.querySelector(".lesion-scatter").value.trim();
    if (mode === "ebrt" && lesion.name !== target && dose !== "" && Number(dose) !== 0) scatter[lesion.name] = Number(dose);
    return drop(lesion);
  });
  return scatter;
}

function readForm() {
  const result = clone(scenario);
  result.name = $("name").value;
  result.species = $("species").value;
  result.body_weight_kg = numberOrUndefined("body-weight");
  result.duration_day = numberOrUndefined("duration");
  result.output_interval_day = numberOrUndefined("output-interval");
  const mode = $("rt-mode").value;
  const renames = {};
  const scatter = readLesions(result, mode, $("rt-target").value, renames);
  const rest = (list) => (list ?? []).slice(1);
  if (mode === "ebrt") {
    const course = clone((scenario.external_beam ?? [])[0] ?? {});
    course.target = $("rt-target").value;
    course.dose_per_fraction_gy = numberOrUndefined("dose");
    course.fractions = numberOrUndefined("fractions");
    course.start_day = numberOrUndefined("rt-start");
    course.schedule = $("rt-schedule").value;
    const days = $("rt-days").value.trim();
    course.days = course.schedule === "explicit" && days ? days.split(/[\s,;]+/).filter(Boolean).map(Number) : undefined;
    course.scatter_dose_per_fraction_gy = Object.keys(scatter).length ? scatter : undefined;
    course.draining_node_dose_per_fraction_gy = numberOrUndefined("node-dose");
    course.blood_dose_per_fraction_gy = numberOrUndefined("blood-dose");
    course.field_size_cm = numberOrUndefined("field-size");
    course.beam_on_time_min = numberOrUndefined("beam-on");
    result.external_beam = [drop(course), ...rest(result.external_beam)];
    // a scenario with both modalities keeps its Y-90; switching modality replaces it
    result.y90 = (scenario.external_beam ?? []).length ? result.y90 ?? [] : [];
  } else if (mode === "y90") {
    const plan = clone((scenario.y90 ?? [])[0] ?? {});
    plan.treated_lesions = Array.from($("y90-target").selectedOptions).map((option) => option.value);
    plan.day = numberOrUndefined("y90-day");
    plan.activity_gbq = numberOrUndefined("activity");
    plan.lung_shunt_fraction = numberOrUndefined("shunt");
    plan.tumor_to_normal_ratio = numberOrUndefined("tn");
    plan.normal_liver_mass_g = numberOrUndefined("liver-mass");
    if (plan.activity_gbq !== undefined) delete plan.lesion_dose_gy;  // doses from the activity
    result.y90 = [drop(plan), ...rest(result.y90)];
    result.external_beam = (scenario.y90 ?? []).length ? result.external_beam ?? [] : [];
  } else {
    result.external_beam = []; result.y90 = [];
  }
  if ($("drug").value === "none") {
    result.checkpoint = [];
  } else {
    const drug = clone((scenario.checkpoint ?? [])[0] ?? {});
    drug.drug = $("drug").value;
    delete drug.dose_mg; delete drug.dose_mg_per_kg;
    drug[$("drug-dose-unit").value === "mg_per_kg" ? "dose_mg_per_kg" : "dose_mg"] = numberOrUndefined("drug-dose");
    drug.interval_day = numberOrUndefined("drug-interval");
    drug.doses = numberOrUndefined("drug-doses");
    drug.stop_day = numberOrUndefined("drug-stop");
    drug.start_day = numberOrUndefined("drug-start");
    result.checkpoint = [drop(drug), ...rest(result.checkpoint)];
  }
  renameLesions(result, renames);
  return drop(result);
}

function renameLesions(data, renames) {
  // a lesion renamed in the table keeps the courses the form does not show (further courses,
  // Y-90 plans, scatter doses) pointing at it
  if (!Object.keys(renames).length) return;
  const renamed = (name) => renames[name] ?? name;
  const keys = (mapping) => mapping && Object.fromEntries(Object.entries(mapping).map(([name, value]) => [renamed(name), value]));
  for (const course of data.external_beam ?? []) {
    course.target = renamed(course.target);
    if (course.scatter_dose_per_fraction_gy) course.scatter_dose_per_fraction_gy = keys(course.scatter_dose_per_fraction_gy);
  }
  for (const plan of data.y90 ?? []) {
    plan.treated_lesions = plan.treated_lesions.map(renamed);
    if (plan.lesion_dose_gy) plan.lesion_dose_gy = keys(plan.lesion_dose_gy);
  }
}

// ---- schedule B ----

function sameBedDose(dose, fractions, newFractions, alphaBeta = 10) {
  // BED = n d (1 + d / (α/β)); the dose per fraction of newFractions with the same BED
  const bed = fractions * dose * (1 + dose / alphaBeta);
  return Math.round(10 * (alphaBeta / 2) * (-1 + Math.sqrt(1 + (4 * bed) / (alphaBeta * newFractions)))) / 10;
}

function setDefaultsB(data) {
  const course = (data.external_beam ?? [])[0], y90 = (data.y90 ?? [])[0], drug = (data.checkpoint ?? [])[0];
  for (const id of ["b-dose", "b-fractions", "b-activity", "b-y90-day", "b-drug-start"]) setValue(id, "");
  const hints = [];
  if (course && course.dose_per_fraction_gy && course.fractions) {
    const fractions = course.fractions === 1 ? 5 : 1;
    setValue("b-fractions", fractions);
    setValue("b-dose", sameBedDose(course.dose_per_fraction_gy, course.fractions, fractions));
    hints.push(`B defaults to the same BED (α/β = 10 Gy) as A in ${fractions === 1 ? "one fraction" : "five fractions"}`);
  }
  if (y90) {
    if (y90.activity_gbq) { setValue("b-activity", Math.round(50 * y90.activity_gbq) / 100); hints.push("B defaults to half the Y-90 activity"); }
    setValue("b-y90-day", y90.day ?? 0);
  }
  if (drug) {
    const start = drug.start_day ?? 0;
    setValue("b-drug-start", course || y90 ? start : start + 21);
    if (!course && !y90) hints.push("B defaults to the drug started 21 days later");
    else hints.push("the drug as in A");
  }
  $("b-hint").textContent = hints.length ? `${hints.join("; ")}. Change any B field to compare another schedule.` : "";
}

function scheduleB(a) {
  const b = clone(a);
  b.name = `${a.name}_B`;
  if (b.external_beam && b.external_beam.length) {
    const dose = numberOrUndefined("b-dose"), fractions = numberOrUndefined("b-fractions");
    if (dose !== undefined) b.external_beam[0].dose_per_fraction_gy = dose;
    if (fractions !== undefined) b.external_beam[0].fractions = fractions;
    if (fractions !== undefined && b.external_beam[0].schedule === "explicit") {
      b.external_beam[0].schedule = "daily"; delete b.external_beam[0].days;
    }
  }
  if (b.y90 && b.y90.length) {
    const activity = numberOrUndefined("b-activity"), day = numberOrUndefined("b-y90-day");
    if (activity !== undefined) { b.y90[0].activity_gbq = activity; delete b.y90[0].lesion_dose_gy; }
    if (day !== undefined) b.y90[0].day = day;
  }
  if (b.checkpoint && b.checkpoint.length) {
    const start = numberOrUndefined("b-drug-start");
    if (start !== undefined) b.checkpoint[0].start_day = start;
  }
  return b;
}

// ---- messages and requests ----

function clearErrors() {
  document.querySelectorAll(".invalid").forEach((element) => element.classList.remove("invalid"));
  document.querySelectorAll(".field-error.inline").forEach((element) => element.remove());
  $("general-error").textContent = ""; $("upload-error").textContent = "";
}

function showError(error, target = "general-error") {
  const selector = `[data-field="${CSS.escape(error.field)}"]`;
  let element = document.querySelector(selector);
  if (!element) {  // a sub-field (e.g. external_beam[0].days[2]) or a map key: use the nearest
    element = Array.from(document.querySelectorAll("[data-field]"))
      .filter((candidate) => error.field.startsWith(candidate.dataset.field))
      .sort((x, y) => y.dataset.field.length - x.dataset.field.length)[0];
  }
  if (element && target === "general-error") {
    element.classList.add("invalid");
    const message = document.createElement("span");
    message.className = "field-error inline";
    message.setAttribute("role", "alert");
    message.textContent = error.message;
    element.insertAdjacentElement("afterend", message);
  }
  $(target).textContent = `${error.field}: ${error.message}`;
}

async function post(path, body) {
  const response = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  if (response.ok) return path.endsWith("to-yaml") ? response.text() : response.json();
  let error;
  try { error = await response.json(); } catch { error = {field: "server", message: `HTTP ${response.status}`}; }
  throw error;
}

const BUTTONS = ["run", "compare", "counterfactuals", "run-trial"];

function busy(label) {
  const started = performance.now();
  const first = solvedOnce ? "" : " (the first run compiles the solver: up to a minute)";
  $("progress").hidden = false;
  for (const id of BUTTONS) $(id).disabled = true;
  const tick = () => { $("status").textContent = `${label} ${Math.round((performance.now() - started) / 1000)} s${first}`; };
  tick();
  const timer = setInterval(tick, 1000);
  return (text) => {
    clearInterval(timer);
    $("progress").hidden = true;
    for (const id of BUTTONS) $(id).disabled = false;
    $("status").textContent = text;
  };
}

function clearResults() {
  while (charts.length) charts.pop().destroy();
  $("result-columns").innerHTML = ""; $("difference").textContent = "";
}

// ---- results ----

function chart(element, {title, time, series, yLabel, yRange, xLabel = "day"}) {
  const width = Math.max(260, Math.min(element.clientWidth || 640, 900));
  const options = {
    title, width, height: 260,
    scales: {x: {time: false}, y: {range: yRange ? () => yRange : (u, low, high) => [0, high * 1.05 || 1]}},
    axes: [{label: xLabel}, {label: yLabel, size: 60}],
    series: [{label: xLabel}, ...series.map((line) => ({label: line.label, stroke: line.stroke, width: line.width ?? 2, dash: line.dash,
      paths: line.stepped ? uPlot.paths.stepped({align: 1}) : undefined,
      value: (u, v) => (v === null || v === undefined ? "–" : v.toPrecision(4))}))],
    cursor: {drag: {x: true, y: false}},
    legend: {live: true},
  };
  const plot = new uPlot(options, [time, ...series.map((line) => line.values)], element);
  plot.root.dataset.title = title;
  charts.push(plot);
  return plot;
}

const isMouse = (record) => record.species === "mouse";
const sizeOf = (record, curve) => (isMouse(record) ? curve.volume_mm3 : curve.diameter_mm);
const sizeLabel = (record) => (isMouse(record) ? "volume [mm³]" : "diameter [mm]");

function lesionRange(records) {
  let high = 0;
  for (const record of records) for (const curve of Object.values(record.curves)) high = Math.max(high, ...sizeOf(record, curve));
  return [0, high * 1.05 || 1];
}

function lesionTable(result) {
  const mouse = isMouse(result);
  const rows = result.lesions.map((row) => {
    const finite = row.final_diameter_mm !== null && row.baseline_diameter_mm !== null;
    const change = mouse ? (finite ? 100 * ((row.final_diameter_mm / row.baseline_diameter_mm) ** 3 - 1) : null) : row.best_change_pct;
    return `<tr><td>${escape(row.lesion)}</td><td>${escape(row.organ)}</td><td>${row.irradiated ? "yes" : "no"}</td>
    <td>${fixed(row.dose_gy, 1)}</td><td>${fixed(change, 1)}</td><td class="response">${escape(row.response)}</td></tr>`;
  }).join("");
  const changeHeader = mouse ? "final volume change [%]" : "best change [%]";
  const caption = mouse ? "Tumours (volume; the response column is the diameter rule, for reference only)" : "Lesions (lesion-level RECIST 1.1 best response)";
  return `<div class="table-scroll"><table class="lesion-results"><caption>${caption}</caption>
    <thead><tr><th>lesion</th><th>organ</th><th>irradiated</th><th>dose [Gy]</th>
    <th>${changeHeader}</th><th>response</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function criteriaTable(result) {
  if (!result.criteria.length) {
    return `<p class="hint criteria-note">Mouse tumours are followed by volume; the clinical response criteria (10 mm measurability) are not applied.</p>`;
  }
  const day = (value) => fixed(value, 0);
  const rows = result.criteria.map((row) => `<tr><td>${escape(row.criteria_name)}</td><td class="overall">${escape(row.best_overall_response)}</td>
    <td>${day(row.best_response_day)}</td><td>${day(row.progression_day)}</td><td>${escape(row.out_of_field_best_overall_response ?? "–")}</td></tr>`).join("");
  return `<div class="table-scroll"><table class="criteria-results"><caption>Patient response on scans every ${result.criteria[0].scan_interval_day} days</caption>
    <thead><tr><th>criteria</th><th>best overall response</th><th>day</th><th>progression day</th><th>outside the radiation field</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

function resultBlock(result, label, yRange) {
  const block = document.createElement("div");
  block.className = "result"; block.dataset.label = label;
  const schedule = result.schedule.map((line) => `<li>${escape(line)}</li>`).join("");
  block.innerHTML = `<h3>${label}: ${escape(result.name)}</h3>
    <div class="chart lesion-chart"></div>
    ${criteriaTable(result)}
    ${lesionTable(result)}
    <div class="chart immune-chart"></div>
    <ul class="schedule">${schedule}</ul>
    <p class="solver">solver: ${escape(result.status)} ·
      <a download="${escape(result.name)}_lesions.png" href="data:image/png;base64,${result.lesions_png}">lesion figure (PNG)</a> ·
      <a download="${escape(result.name)}_immune.png" href="data:image/png;base64,${result.immune_png}">immune figure (PNG)</a></p>`;
  $("result-columns").appendChild(block);
  return () => drawResult(block, result, label, yRange);  // drawn once every block is laid out
}

function drawResult(block, result, label, yRange) {
  const names = Object.keys(result.curves);
  chart(block.querySelector(".lesion-chart"), {
    title: `${label}: lesion ${isMouse(result) ? "volumes" : "diameters"}`, time: result.time_day, yLabel: sizeLabel(result), yRange,
    series: names.map((name, index) => {
      const row = result.lesions[index];
      return {label: `${name}${row.irradiated ? " (irradiated)" : ""}`, values: sizeOf(result, result.curves[name]),
        stroke: COLORS[index % COLORS.length], width: row.irradiated ? 3 : 2, dash: row.irradiated ? undefined : [6, 3]};
    }),
  });
  chart(block.querySelector(".immune-chart"), {
    title: `${label}: circulating lymphocytes`, time: result.time_day, yLabel: "lymphocytes [/µL]",
    series: [{label: "lymphocytes /µL", values: result.lymphocytes_per_ul, stroke: "#2c3e50"}],
  });
}

function counterfactualBlock(record) {
  const block = document.createElement("div");
  block.className = "result counterfactuals"; block.dataset.label = "counterfactuals";
  block.innerHTML = `<h3>${escape(record.name)}: the treatment and its counterfactuals (same patient)</h3>
    <div class="panels"></div>
    <p class="solver"><a download="${escape(record.name)}_counterfactuals.png" href="data:image/png;base64,${record.figure_png}">figure (PNG)</a></p>`;
  $("result-columns").appendChild(block);
  const panels = block.querySelector(".panels");
  const range = lesionRange(record.variants.map((variant) => ({...variant, species: record.species})));
  const last = record.variants[record.variants.length - 1];
  last.lesions.forEach((row, index) => {
    const panel = document.createElement("div");
    panel.className = "chart counterfactual-chart";
    panels.appendChild(panel);
    chart(panel, {
      title: `${row.lesion} (${row.organ})${row.irradiated ? ", irradiated" : ", not irradiated"}`, time: record.time_day,
      yLabel: sizeLabel(record), yRange: range,
      series: record.variants.map((variant) => ({label: variant.label, values: sizeOf(record, variant.curves[row.lesion]), ...VARIANT_STYLE[variant.label]})),
    });
  });
}

async function runOne() {
  clearErrors();
  const a = readForm();
  const done = busy("running…");
  try {
    const result = await post("/api/simulate", {scenario: a});
    scenario = a; solvedOnce = true;
    clearResults();
    resultBlock(result, "A")();
    done("done");
  } catch (error) { clearResults(); showError(error); done("not run"); }
}

async function runCompare() {
  clearErrors();
  const a = readForm();
  const done = busy("running A and B…");
  try {
    const result = await post("/api/compare", {a, b: scheduleB(a)});
    scenario = a; solvedOnce = true;
    clearResults();
    const range = lesionRange([result.a, result.b]);
    const draws = [resultBlock(result.a, "A", range), resultBlock(result.b, "B", range)];
    draws.forEach((draw) => draw());
    $("difference").textContent = result.difference;
    done("done");
  } catch (error) {
    clearResults();
    showError(error.field?.startsWith("a.") ? {...error, field: error.field.slice(2)} : error);
    done("not run");
  }
}

async function runCounterfactuals() {
  clearErrors();
  const a = readForm();
  const done = busy("running the counterfactuals…");
  try {
    const record = await post("/api/counterfactuals", {scenario: a});
    scenario = a; solvedOnce = true;
    clearResults();
    counterfactualBlock(record);
    $("difference").textContent = record.sentence;
    done("done");
  } catch (error) { clearResults(); showError(error); done("not run"); }
}

// ---- the small trial ----

function alignSteps(curves) {
  // one x axis for step curves with their own times: each value held until its next step
  const times = Array.from(new Set(curves.flatMap((curve) => curve.time))).sort((x, y) => x - y);
  const values = curves.map((curve) => {
    let index = 0;
    return times.map((time) => {
      while (index + 1 < curve.time.length && curve.time[index + 1] <= time) index += 1;
      return time < curve.time[0] ? null : curve.values[index];
    });
  });
  return {times, values};
}

function formatEndpoint(row) {
  const value = (x) => {
    if (x === null) return "–";
    if (row.kind === "share") return `${(100 * x).toFixed(0)} %`;
    if (row.kind === "difference") return `${x >= 0 ? "+" : ""}${(100 * x).toFixed(0)} pp`;
    if (row.kind === "months") return `${x.toFixed(1)}`;
    return x.toFixed(2);
  };
  const interval = row.ci_low === null && row.ci_high === null ? "" : ` (95 % CI ${value(row.ci_low)} to ${value(row.ci_high)})`;
  return `${value(row.estimate)}${interval}`;
}

function trialBlock(record) {
  const block = document.createElement("div");
  block.className = "result trial"; block.dataset.label = "trial";
  const arms = record.arms.map((arm) => `<li><b>${escape(arm.name)}</b>: ${arm.treatment.map(escape).join("; ")}</li>`).join("");
  const rows = record.endpoints.map((row) => `<tr data-endpoint="${escape(row.endpoint)}"${row.primary ? ' class="primary"' : ""}><td>${row.primary ? "<b>primary endpoint:</b> " : ""}${escape(row.label)}</td><td>${escape(row.arm)}</td>
    <td class="estimate">${formatEndpoint(row)}</td><td>${row.n}</td></tr>`).join("");
  const hazard = record.hazard_ratio && record.hazard_ratio.hazard_ratio !== null
    ? `PFS hazard ratio ${escape(record.hazard_ratio.arm)} vs ${escape(record.hazard_ratio.reference)}: ${record.hazard_ratio.hazard_ratio.toFixed(2)}
       (95 % CI ${record.hazard_ratio.ci_low.toFixed(2)} to ${record.hazard_ratio.ci_high.toFixed(2)}), log-rank p ${record.hazard_ratio.p_value < 0.001 ? "< 0.001" : "= " + record.hazard_ratio.p_value.toFixed(3)}` : "";
  block.innerHTML = `<h3>Trial ${escape(record.name)}: ${record.patients} virtual patients, seed ${record.seed}</h3>
    <p class="hint">Population: ${record.population.candidates} candidates drawn, ${record.population.plausible} plausible, ${record.population.selected} kept; every patient is simulated under every arm. Solver failures: ${record.solver_failed}.</p>
    <ul class="schedule">${arms}</ul>
    <div class="chart pfs-chart"></div>
    <p class="hazard">${hazard}</p>
    <div class="table-scroll"><table class="trial-endpoints"><caption>Endpoints (Wilson intervals for rates, paired Wald for differences, Brookmeyer–Crowley for medians)</caption>
    <thead><tr><th>endpoint</th><th>arm</th><th>estimate (95 % CI)</th><th>n</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  $("result-columns").appendChild(block);
  const names = Object.keys(record.pfs);
  const aligned = alignSteps(names.flatMap((name) => ["survival", "lower", "upper"].map((key) => ({time: record.pfs[name].time_month, values: record.pfs[name][key]}))));
  chart(block.querySelector(".pfs-chart"), {
    title: "progression-free survival (RECIST 1.1)", time: aligned.times, xLabel: "months", yLabel: "progression-free", yRange: [0, 1.02],
    series: names.flatMap((name, index) => [
      {label: name, values: aligned.values[3 * index], stroke: COLORS[index], width: 2.2, stepped: true},
      {label: `${name} 95 % band (low)`, values: aligned.values[3 * index + 1], stroke: COLORS[index], width: 0.8, dash: [4, 3], stepped: true},
      {label: `${name} 95 % band (high)`, values: aligned.values[3 * index + 2], stroke: COLORS[index], width: 0.8, dash: [4, 3], stepped: true},
    ]),
  });
}

function showTrialDesign() {
  setValue("trial-patients", Math.min(trial.patients ?? 100, 200));
  setValue("trial-seed", trial.seed ?? 0);
  $("trial-arms").innerHTML = (trial.arms ?? []).map((arm) => `<li>${escape(arm.name)}</li>`).join("");
}

async function loadTrial(name) {
  trial = (await (await fetch(`/api/trial-examples/${encodeURIComponent(name)}`)).json()).trial;
  showTrialDesign();
}

async function runTrial() {
  clearErrors();
  const spec = {...clone(trial), patients: numberOrUndefined("trial-patients"), seed: numberOrUndefined("trial-seed")};
  const done = busy(`running ${spec.patients} virtual patients × ${trial.arms.length} arms…`);
  try {
    const record = await post("/api/trial", {trial: drop(spec)});
    solvedOnce = true;
    clearResults();
    trialBlock(record);
    done("done");
  } catch (error) { clearResults(); showError({...error, field: `trial.${error.field}`}); done("not run"); }
}

async function upload(event) {
  clearErrors();
  const file = event.target.files[0];
  if (!file) return;
  try {
    const parsed = await post("/api/parse-yaml", {yaml: await file.text()});
    scenario = parsed.scenario; render();
    $("status").textContent = `loaded ${file.name}`;
  } catch (error) { showError(error, "upload-error"); }
  event.target.value = "";
}

async function download() {
  clearErrors();
  try {
    const text = await post("/api/to-yaml", {scenario: readForm()});
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], {type: "application/x-yaml"}));
    link.download = `${$("name").value || "scenario"}.yaml`;
    link.click();
  } catch (error) { showError(error); }
}

async function init() {
  const info = await (await fetch("/api/info")).json();
  $("limits").textContent = info.limits;
  $("version").textContent = `abscopal ${info.version}`;
  for (const name of info.examples) $("example").insertAdjacentHTML("beforeend", `<option>${escape(name)}</option>`);
  for (const name of info.trial_examples) $("trial-example").insertAdjacentHTML("beforeend", `<option>${escape(name)}</option>`);
  $("trial-limits").textContent = `Limits: ${info.trial_limits}.`;
  $("trial-example").value = info.trial_examples.includes("pembro_rt") ? "pembro_rt" : info.trial_examples[0];
  $("trial-example").addEventListener("change", () => loadTrial($("trial-example").value));
  $("run-trial").addEventListener("click", runTrial);
  loadTrial($("trial-example").value).catch(() => { $("trial-arms").textContent = "the trial designs could not be loaded"; });
  $("example").addEventListener("change", async () => {
    if (!$("example").value) return;
    const response = await (await fetch(`/api/examples/${encodeURIComponent($("example").value)}`)).json();
    scenario = response.scenario;
    clearErrors(); clearResults(); render();
    $("status").textContent = `loaded ${$("example").value}`;
  });
  $("add-lesion").addEventListener("click", () => {
    scenario = readForm();
    scenario.lesions.push({name: `lesion_${scenario.lesions.length + 1}`, organ: "liver", baseline_diameter_mm: 20});
    render();
  });
  $("rt-mode").addEventListener("change", showPanels);
  $("rt-target").addEventListener("change", refreshTargets);
  $("run").addEventListener("click", runOne);
  $("compare").addEventListener("click", runCompare);
  $("counterfactuals").addEventListener("click", runCounterfactuals);
  $("upload").addEventListener("change", upload);
  $("download").addEventListener("click", download);
  render();
  document.body.dataset.ready = "true";
}

init();
