// abscopal explorer: builds a scenario from the form, sends it to the JSON API, shows results.
// The scenario object is the single source of truth; fields the form does not show are kept.
"use strict";

const ORGANS = ["lung", "liver", "bone", "lymph_node", "brain", "adrenal", "kidney", "soft_tissue", "skin"];
let scenario = {
  name: "my_patient", species: "human", duration_day: 365,
  lesions: [
    {name: "lung_primary", organ: "lung", baseline_diameter_mm: 30},
    {name: "liver_met", organ: "liver", baseline_diameter_mm: 22},
  ],
  external_beam: [{target: "lung_primary", dose_per_fraction_gy: 8, fractions: 3, start_day: 7}],
  checkpoint: [{drug: "pembrolizumab", dose_mg: 200, interval_day: 21, doses: 8, start_day: 0}],
};

const $ = (id) => document.getElementById(id);
const clone = (value) => JSON.parse(JSON.stringify(value));

function numberOrUndefined(id) {
  const text = $(id).value.trim();
  return text === "" ? undefined : Number(text);
}

function setValue(id, value) { $(id).value = value === undefined || value === null ? "" : value; }

function lesionRow(lesion, index) {
  const row = document.createElement("tr");
  const options = ORGANS.map((organ) => `<option${organ === lesion.organ ? " selected" : ""}>${organ}</option>`).join("");
  row.innerHTML = `
    <td><input class="lesion-name" data-field="lesions[${index}].name"></td>
    <td><select class="lesion-organ" data-field="lesions[${index}].organ">${options}</select></td>
    <td><input class="lesion-size" type="number" step="any" data-field="lesions[${index}].baseline_diameter_mm"></td>
    <td><input class="lesion-node" type="checkbox"></td>
    <td><button type="button" class="remove-lesion" title="remove">✕</button></td>`;
  row.querySelector(".lesion-name").value = lesion.name;
  const size = lesion.baseline_diameter_mm ?? (lesion.baseline_volume_mm3 ? Math.cbrt(6 * lesion.baseline_volume_mm3 / Math.PI).toFixed(2) : "");
  row.querySelector(".lesion-size").value = size;
  row.querySelector(".lesion-node").checked = Boolean(lesion.is_lymph_node);
  row.querySelector(".remove-lesion").addEventListener("click", () => {
    scenario = readForm(); scenario.lesions.splice(index, 1); render();
  });
  row.querySelectorAll("input, select").forEach((element) => element.addEventListener("change", refreshTargets));
  return row;
}

function refreshTargets() {
  const names = Array.from(document.querySelectorAll(".lesion-name")).map((input) => input.value);
  for (const id of ["rt-target", "y90-target"]) {
    const current = $(id).value;
    $(id).innerHTML = names.map((name) => `<option>${name}</option>`).join("");
    if (names.includes(current)) $(id).value = current;
  }
}

function render() {
  setValue("name", scenario.name ?? "scenario");
  $("species").value = scenario.species ?? "human";
  setValue("duration", scenario.duration_day ?? 365);
  const body = document.querySelector("#lesion-table tbody");
  body.innerHTML = "";
  scenario.lesions.forEach((lesion, index) => body.appendChild(lesionRow(lesion, index)));
  refreshTargets();
  const course = (scenario.external_beam ?? [])[0];
  const y90 = (scenario.y90 ?? [])[0];
  $("rt-mode").value = course ? "ebrt" : y90 ? "y90" : "none";
  if (course) {
    $("rt-target").value = course.target;
    setValue("dose", course.dose_per_fraction_gy); setValue("fractions", course.fractions);
    setValue("rt-start", course.start_day ?? 0); $("rt-schedule").value = course.schedule ?? "daily";
    const scatter = Object.values(course.scatter_dose_per_fraction_gy ?? {});
    setValue("scatter", scatter.length ? scatter[0] : 0);
    setValue("node-dose", course.draining_node_dose_per_fraction_gy ?? 0);
    setValue("blood-dose", course.blood_dose_per_fraction_gy);
  }
  if (y90) {
    $("y90-target").value = y90.treated_lesions[0];
    setValue("y90-day", y90.day ?? 0); setValue("activity", y90.activity_gbq);
    setValue("shunt", y90.lung_shunt_fraction ?? 0); setValue("tn", y90.tumor_to_normal_ratio ?? 3);
    setValue("liver-mass", y90.normal_liver_mass_g ?? 1500);
  }
  const drug = (scenario.checkpoint ?? [])[0];
  $("drug").value = drug ? drug.drug : "none";
  if (drug) {
    setValue("drug-dose", drug.dose_mg); setValue("drug-interval", drug.interval_day ?? 21);
    setValue("drug-doses", drug.doses); setValue("drug-start", drug.start_day ?? 0);
  }
  if ($("b-dose").value === "") setValue("b-dose", course ? course.dose_per_fraction_gy : "");
  if ($("b-fractions").value === "") setValue("b-fractions", course ? course.fractions : "");
  if ($("b-drug-start").value === "") setValue("b-drug-start", drug ? drug.start_day ?? 0 : "");
  showPanels();
}

function showPanels() {
  $("ebrt").classList.toggle("shown", $("rt-mode").value === "ebrt");
  $("y90").classList.toggle("shown", $("rt-mode").value === "y90");
}

function drop(object) {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
  return object;
}

function readForm() {
  const result = clone(scenario);
  result.name = $("name").value;
  result.species = $("species").value;
  result.duration_day = numberOrUndefined("duration");
  const rows = document.querySelectorAll("#lesion-table tbody tr");
  result.lesions = Array.from(rows).map((row, index) => {
    const lesion = clone(scenario.lesions[index] ?? {});
    delete lesion.baseline_volume_mm3;
    lesion.name = row.querySelector(".lesion-name").value;
    lesion.organ = row.querySelector(".lesion-organ").value;
    const size = row.querySelector(".lesion-size").value.trim();
    lesion.baseline_diameter_mm = size === "" ? undefined : Number(size);
    lesion.is_lymph_node = row.querySelector(".lesion-node").checked;
    if (lesion.organ !== "bone") delete lesion.bone_pattern;
    return drop(lesion);
  });
  const mode = $("rt-mode").value;
  const rest = (list) => (list ?? []).slice(1);
  if (mode === "ebrt") {
    const course = clone((scenario.external_beam ?? [])[0] ?? {});
    course.target = $("rt-target").value;
    course.dose_per_fraction_gy = numberOrUndefined("dose");
    course.fractions = numberOrUndefined("fractions");
    course.start_day = numberOrUndefined("rt-start");
    course.schedule = $("rt-schedule").value;
    delete course.days;
    const scatter = numberOrUndefined("scatter");
    course.scatter_dose_per_fraction_gy = {};
    if (scatter) for (const lesion of result.lesions) if (lesion.name !== course.target) course.scatter_dose_per_fraction_gy[lesion.name] = scatter;
    course.draining_node_dose_per_fraction_gy = numberOrUndefined("node-dose");
    course.blood_dose_per_fraction_gy = numberOrUndefined("blood-dose");
    result.external_beam = [drop(course), ...rest(scenario.external_beam)];
    result.y90 = [];
  } else if (mode === "y90") {
    const plan = clone((scenario.y90 ?? [])[0] ?? {});
    plan.treated_lesions = [$("y90-target").value];
    plan.day = numberOrUndefined("y90-day");
    plan.activity_gbq = numberOrUndefined("activity");
    plan.lung_shunt_fraction = numberOrUndefined("shunt");
    plan.tumor_to_normal_ratio = numberOrUndefined("tn");
    plan.normal_liver_mass_g = numberOrUndefined("liver-mass");
    delete plan.lesion_dose_gy;
    result.y90 = [drop(plan), ...rest(scenario.y90)];
    result.external_beam = [];
  } else {
    result.external_beam = []; result.y90 = [];
  }
  if ($("drug").value === "none") {
    result.checkpoint = [];
  } else {
    const drug = clone((scenario.checkpoint ?? [])[0] ?? {});
    drug.drug = $("drug").value;
    drug.dose_mg = numberOrUndefined("drug-dose");
    delete drug.dose_mg_per_kg;
    drug.interval_day = numberOrUndefined("drug-interval");
    drug.doses = numberOrUndefined("drug-doses");
    delete drug.stop_day;
    drug.start_day = numberOrUndefined("drug-start");
    result.checkpoint = [drop(drug), ...rest(scenario.checkpoint)];
  }
  return drop(result);
}

function scheduleB(a) {
  const b = clone(a);
  b.name = `${a.name}_B`;
  if (b.external_beam && b.external_beam.length) {
    const dose = numberOrUndefined("b-dose"), fractions = numberOrUndefined("b-fractions");
    if (dose !== undefined) b.external_beam[0].dose_per_fraction_gy = dose;
    if (fractions !== undefined) b.external_beam[0].fractions = fractions;
  }
  if (b.checkpoint && b.checkpoint.length) {
    const start = numberOrUndefined("b-drug-start");
    if (start !== undefined) b.checkpoint[0].start_day = start;
  }
  return b;
}

function clearErrors() {
  document.querySelectorAll(".invalid").forEach((element) => element.classList.remove("invalid"));
  document.querySelectorAll(".field-error.inline").forEach((element) => element.remove());
  $("general-error").textContent = ""; $("upload-error").textContent = "";
}

function showError(error, target = "general-error") {
  const selector = `[data-field="${CSS.escape(error.field)}"]`;
  let element = document.querySelector(selector);
  if (!element) {  // a sub-field (e.g. external_beam[0].days[2]) or a map key: use the nearest
    const prefix = Array.from(document.querySelectorAll("[data-field]"))
      .filter((candidate) => error.field.startsWith(candidate.dataset.field))
      .sort((x, y) => y.dataset.field.length - x.dataset.field.length)[0];
    element = prefix;
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

function lesionTable(result) {
  const rows = result.lesions.map((row) => `<tr><td>${row.lesion}</td><td>${row.organ}</td><td>${row.irradiated ? "yes" : "no"}</td>
    <td>${row.dose_gy.toFixed(1)}</td><td>${row.best_change_pct.toFixed(1)}</td><td class="response">${row.response}</td></tr>`).join("");
  return `<table class="lesion-results"><thead><tr><th>lesion</th><th>organ</th><th>irradiated</th><th>dose [Gy]</th>
    <th>best change [%]</th><th>response</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function resultBlock(result, label) {
  const schedule = result.schedule.map((line) => `<li>${line}</li>`).join("");
  return `<div class="result" data-label="${label}"><h3>${label}: ${result.name}</h3>
    <img class="curves" alt="lesion diameters ${label}" src="data:image/png;base64,${result.lesions_png}">
    ${lesionTable(result)}
    <img class="immune" alt="immune read-outs ${label}" src="data:image/png;base64,${result.immune_png}">
    <ul class="schedule">${schedule}</ul><p class="solver">solver: ${result.status}</p></div>`;
}

async function runOne() {
  clearErrors();
  const a = readForm();
  $("status").textContent = "running…";
  try {
    const result = await post("/api/simulate", {scenario: a});
    scenario = a;
    $("difference").textContent = "";
    $("result-columns").innerHTML = resultBlock(result, "A");
    $("status").textContent = "done";
  } catch (error) { showError(error); $("status").textContent = "not run"; }
}

async function runCompare() {
  clearErrors();
  const a = readForm();
  $("status").textContent = "running A and B…";
  try {
    const result = await post("/api/compare", {a, b: scheduleB(a)});
    scenario = a;
    $("result-columns").innerHTML = resultBlock(result.a, "A") + resultBlock(result.b, "B");
    $("difference").textContent = result.difference;
    $("status").textContent = "done";
  } catch (error) { showError(error.field?.startsWith("a.") ? {...error, field: error.field.slice(2)} : error); $("status").textContent = "not run"; }
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
  for (const name of info.examples) $("example").insertAdjacentHTML("beforeend", `<option>${name}</option>`);
  $("example").addEventListener("change", async () => {
    if (!$("example").value) return;
    const response = await (await fetch(`/api/examples/${$("example").value}`)).json();
    scenario = response.scenario;
    for (const id of ["b-dose", "b-fractions", "b-drug-start"]) $(id).value = "";
    clearErrors(); render();
  });
  $("add-lesion").addEventListener("click", () => {
    scenario = readForm();
    scenario.lesions.push({name: `lesion_${scenario.lesions.length + 1}`, organ: "liver", baseline_diameter_mm: 20});
    render();
  });
  $("rt-mode").addEventListener("change", showPanels);
  $("run").addEventListener("click", runOne);
  $("compare").addEventListener("click", runCompare);
  $("upload").addEventListener("change", upload);
  $("download").addEventListener("click", download);
  render();
  document.body.dataset.ready = "true";
}

init();
