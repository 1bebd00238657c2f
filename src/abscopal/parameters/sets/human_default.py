"""Default human parameter set: adult metastatic solid tumor (NSCLC-like), 70 kg patient.

Radiobiology, lymphocyte radiosensitivity, blood-flow and pharmacokinetic values are taken from
the sources cited per parameter. The immune-kinetic values without a direct human measurement are
assumed, chosen so that untreated lesions grow with a volume doubling time of about 100 days, a
lesion irradiated with SBRT shrinks, and checkpoint blockade alone gives partial responses in a
minority of lesions; they are the starting point of the calibration work tracked in
``abscopal validate``.
"""

from __future__ import annotations

from abscopal.parameters.parameter import Parameter as P
from abscopal.parameters.parameter_set import ParameterSet

PARAMETERS: dict[str, P] = {
    # --- tumor growth and radiobiology -------------------------------------------------------
    "tumor_gompertz_rate_per_day": P(
        0.00127,
        "1/day",
        "Gompertz growth rate constant a in dV/dt = a V ln(K/V_total)",
        "assumed",
        note="gives a volume doubling time of ~100 days at 4.2 cm3 (20 mm lesion)",
    ),
    "tumor_carrying_capacity_mm3": P(
        1.0e6,
        "mm3",
        "Gompertz carrying capacity K of one lesion (1 L)",
        "assumed",
    ),
    "tumor_natural_death_rate_per_day": P(
        0.001,
        "1/day",
        "spontaneous (non-immune) death of viable tumor cells",
        "assumed",
    ),
    "baseline_necrotic_fraction": P(
        0.1,
        "1",
        "share of the baseline lesion volume that is necrotic debris",
        "assumed",
        upper=0.9,
    ),
    "tumor_alpha_per_gy": P(
        0.15,
        "1/Gy",
        "linear-quadratic alpha of tumor cells",
        "source",
        ("Kosinsky2018",),
        note="Kosinsky 2018 fitted 0.146 /Gy (CT26); rounded",
    ),
    "tumor_alpha_beta_gy": P(
        10.0,
        "Gy",
        "alpha/beta ratio of tumor cells",
        "source",
        ("Joiner2009",),
        note="conventional value for carcinomas",
    ),
    "sublethal_repair_half_time_hour": P(
        1.5,
        "hour",
        "half-time of sublethal-damage repair (continuous-LQ, Lea-Catcheside)",
        "source",
        ("Dale1985", "Joiner2009"),
    ),
    "doomed_death_rate_per_gy_per_day": P(
        0.04,
        "1/(Gy day)",
        "slope of the death rate of doomed cells with dose per fraction",
        "source",
        ("Friedrich2022",),
        note="k = min(max(0.04 d, 1/7), 0.5) per day",
    ),
    "doomed_death_rate_min_per_day": P(
        1.0 / 7.0,
        "1/day",
        "slowest death rate of doomed cells (low dose, low dose rate)",
        "source",
        ("Friedrich2022",),
    ),
    "doomed_death_rate_max_per_day": P(
        0.5,
        "1/day",
        "fastest death rate of doomed cells (ablative dose)",
        "source",
        ("Friedrich2022",),
    ),
    "debris_clearance_half_time_day": P(
        30.0,
        "day",
        "half-time of dead-cell debris clearance (CT-visible volume)",
        "assumed",
        ("Serre2016",),
        note="Serre 2016 used 15 days in mice; slower resolution assumed in humans",
    ),
    # --- lymphocyte radiosensitivity -------------------------------------------------------------
    "lymphocyte_alpha_per_gy": P(
        0.182,
        "1/Gy",
        "LQ alpha of resting lymphocytes",
        "source",
        ("Serre2016", "Cho2023"),
    ),
    "lymphocyte_beta_per_gy2": P(
        0.143,
        "1/Gy^2",
        "LQ beta of resting lymphocytes",
        "source",
        ("Serre2016", "Cho2023"),
    ),
    "activated_radiosensitivity_factor": P(
        1.5,
        "1",
        "multiplier of the lymphocyte LQ exponent for activated, proliferating effectors",
        "assumed",
        ("Wei2021",),
        note="direction from Wei 2021; magnitude assumed",
        lower=1.0,
    ),
    "treg_radiosensitivity_factor": P(
        0.5,
        "1",
        "multiplier of the lymphocyte LQ exponent for regulatory T cells",
        "assumed",
        note="Tregs are more radioresistant than effector T cells (direction only)",
        upper=1.0,
    ),
    "blood_lymphocyte_survival_plateau": P(
        0.57,
        "1",
        "radioresistant plateau SF of blood lymphocyte survival S(D)=SF^(1-exp(-mu D))",
        "source",
        ("HedosLymphopenia",),
    ),
    "blood_lymphocyte_dose_constant_per_gy": P(
        2.18,
        "1/Gy",
        "dose constant mu of blood lymphocyte survival",
        "source",
        ("HedosLymphopenia",),
    ),
    "lymphocyte_count_baseline_per_ul": P(
        1800.0,
        "cells/uL",
        "pre-treatment absolute lymphocyte count",
        "source",
        ("Grossman2015",),
    ),
    "lymphoid_treg_recovery_rate_per_day": P(
        0.02,
        "1/day",
        "return of the lymphoid Treg share to its steady state after radiation or depletion",
        "assumed",
        ("Kachikwu2011",),
        note="the share returns as the depleted conventional lymphocytes recover, so it takes "
        "their recovery rate (lymphocyte_recovery_rate_per_day); Kachikwu 2011 saw a transient rise",
    ),
    "lymphoid_treg_fraction": P(
        0.1,
        "1",
        "steady-state fraction of lymphoid CD4+ T cells that are regulatory (CD25+ Foxp3+)",
        "source",
        ("Sakaguchi1995",),
        note="CD4+CD25+ cells are 5-10 % of peripheral CD4+ T cells; the share can rise at "
        "most to 1 / this fraction",
        upper=1.0,
    ),
    "lymphoid_treg_priming_suppression": P(
        1.0,
        "1",
        "priming gained when no lymphoid Tregs are left: priming x (1 + s) / (1 + s q) at Treg "
        "share q relative to steady state",
        "assumed",
        ("Wing2008", "Kachikwu2011"),
        note="direction from Treg control of DC costimulation (Wing 2008) and the enhanced "
        "radiation-induced regression after systemic Treg elimination (Kachikwu 2011); size assumed",
    ),
    "treg_depletion_rate_per_day": P(
        0.0,
        "1/day",
        "removal of Tregs (lymphoid and intratumoral) by a depleting agent",
        "assumed",
        note="0: no depleting agent; an experiment that removes Tregs (anti-CD25, diphtheria "
        "toxin in Foxp3-DTR mice) sets it",
    ),
    "lymphocyte_recovery_rate_per_day": P(
        0.02,
        "1/day",
        "first-order recovery of circulating lymphocytes toward baseline",
        "source",
        ("HedosLymphopenia",),
    ),
    "y90_blood_fraction_in_treated_liver": P(
        0.05,
        "1",
        "share of total blood volume inside the treated liver volume during Y-90 decay",
        "derived",
        ("ICRP89",),
        note="liver holds 10% of blood volume (ICRP-89); half of the liver assumed treated",
    ),
    # --- danger signal and dendritic cells --------------------------------------------------------
    "micronucleus_alpha_per_gy": P(
        0.01,
        "1/Gy",
        "linear coefficient of the micronucleus yield per cell, Y = a d + b d^2 (cells with at "
        "least one micronucleus after mitosis: 1 - exp(-Y))",
        "assumed",
        ("IAEA2011", "Harding2017"),
        note="linear-quadratic form of the micronucleus dose response (IAEA 2011 cytogenetic "
        "dosimetry); tumor-cell yields were not measured here, the value is assumed",
    ),
    "micronucleus_beta_per_gy2": P(
        0.005,
        "1/Gy^2",
        "quadratic coefficient of the micronucleus yield per cell",
        "assumed",
        ("IAEA2011",),
        note="makes micronuclei (and the interferon signal) weak at low doses per fraction",
    ),
    "mitotic_passage_rate_per_day": P(
        0.33,
        "1/day",
        "rate at which damaged cells pass mitosis and expose micronuclear DNA to cGAS",
        "assumed",
        ("Harding2017", "Mackenzie2017"),
        note="interferon signalling starts days after a fraction, after mitosis (Harding "
        "2017); a mean passage of 3 days is assumed",
    ),
    "cytosolic_dna_clearance_rate_per_day": P(
        0.5,
        "1/day",
        "clearance of cytosolic (micronuclear) DNA without radiation-induced Trex1",
        "assumed",
    ),
    "trex1_dna_clearance_gain": P(
        20.0,
        "1",
        "rise of the cytosolic DNA clearance per unit of Trex1 induction",
        "assumed",
        ("VanpouilleBox2017",),
        note="Trex1 degrades cytosolic DNA and abolishes the interferon response above the "
        "threshold dose (Vanpouille-Box 2017); the size of the rise is assumed",
    ),
    "trex1_half_life_day": P(
        3.0,
        "day",
        "half-life of the Trex1 induction after a high dose per fraction (its memory)",
        "assumed",
        ("VanpouilleBox2017",),
        note="Trex1 stays induced for days, so fractions that follow a high dose meet it",
    ),
    "interferon_gain_per_day": P(
        1.2,
        "1/day",
        "type-I interferon (cGAS-STING) signal made per day per unit share of cells with "
        "exposed cytosolic DNA",
        "assumed",
        ("Harding2017",),
        note="gives one 8 Gy fraction the interferon exposure of the earlier assumed 0.1 per Gy",
    ),
    "trex1_threshold_gy": P(
        14.0,
        "Gy",
        "unrepaired dose at half-maximal Trex1 induction",
        "source",
        ("VanpouilleBox2017",),
        note="midpoint of the 12-18 Gy range reported",
    ),
    "trex1_hill_coefficient": P(
        6.0,
        "1",
        "steepness of Trex1 induction in the unrepaired dose",
        "assumed",
        lower=1.0,
    ),
    "interferon_decay_rate_per_day": P(
        0.5,
        "1/day",
        "decay rate of the interferon / danger signal",
        "assumed",
    ),
    "interferon_half_saturation": P(
        0.5,
        "1",
        "interferon signal at half-maximal dendritic-cell maturation boost",
        "assumed",
    ),
    "dc_maturation_baseline": P(
        0.05,
        "1",
        "share of released antigen that matures dendritic cells without danger signal",
        "assumed",
    ),
    "dc_maturation_interferon_max": P(
        1.0,
        "1",
        "extra share of antigen reaching mature dendritic cells at saturating interferon",
        "assumed",
    ),
    "dc_loading_rate_per_day": P(
        50.0,
        "DC units/day",
        "maximal antigen-loaded dendritic cells delivered per lesion per day",
        "assumed",
        note="dendritic cells are in arbitrary units; the half-saturation sets the scale",
    ),
    "dc_loading_half_saturation_mm3_per_day": P(
        100.0,
        "mm3/day",
        "immunogenic tumor death per lesion at half-maximal DC loading",
        "assumed",
    ),
    "dc_decay_rate_per_day": P(
        0.5,
        "1/day",
        "loss of antigen-loaded dendritic cells in the draining node",
        "assumed",
    ),
    "priming_dc_half_saturation": P(
        100.0,
        "DC units",
        "dendritic-cell level at half-maximal priming",
        "assumed",
    ),
    # --- T-cell priming, expansion and trafficking ---------------------------------------------
    "precursor_count_baseline": P(
        1.0,
        "1e6 cells",
        "tumor-specific stem-like CD8 precursors at homeostasis",
        "assumed",
    ),
    "precursor_recovery_rate_per_day": P(
        0.02,
        "1/day",
        "homeostatic recovery of the precursor pool",
        "assumed",
        ("HedosLymphopenia",),
        note="set equal to the ALC recovery rate",
    ),
    "priming_rate_per_day": P(
        1.0,
        "1/day",
        "maximal rate at which precursors enter clonal expansion",
        "assumed",
    ),
    "precursor_pd1_expansion_rate_per_day": P(
        0.05,
        "1/day",
        "expansion of stem-like precursors under full PD-1 axis blockade",
        "assumed",
        ("Kamphorst2017",),
        note="mechanism from Kamphorst 2017 / Im 2016; magnitude assumed",
    ),
    "precursor_capacity_multiple": P(
        10.0,
        "1",
        "largest precursor pool under PD-1 blockade, as a multiple of baseline",
        "assumed",
        lower=1.0,
    ),
    "spreading_rate_per_day": P(
        0.05,
        "1/day",
        "rate at which strong dendritic-cell activation broadens the tumor-specific repertoire "
        "(antigen spreading) toward the precursor capacity",
        "assumed",
        ("TwymanSaintVictor2015",),
        note="radiation diversifies the intratumoral TCR repertoire (Twyman-Saint Victor 2015); "
        "magnitude assumed",
    ),
    "spreading_dc_half_saturation": P(
        50.0,
        "DC units",
        "antigen-loaded dendritic cells at half-maximal antigen spreading (Hill coefficient 2)",
        "assumed",
    ),
    "repertoire_contraction_rate_per_day": P(
        0.01,
        "1/day",
        "return of the broadened repertoire to its baseline size",
        "assumed",
    ),
    "gm_csf_dc_uptake_gain": P(
        1.0,
        "1",
        "relative increase of dendritic-cell antigen uptake and transport to the draining nodes "
        "at full GM-CSF stimulation",
        "assumed",
        ("Dranoff1993", "Sallusto1994"),
        note="GM-CSF differentiates monocytes into dendritic cells (Sallusto 1994) and was the "
        "most potent adjuvant of irradiated tumor-cell vaccines (Dranoff 1993); the size of "
        "the effect in patients is assumed (a doubling)",
    ),
    "gm_csf_half_effect_dose_ug_per_day": P(
        100.0,
        "ug/day",
        "GM-CSF dose rate at half-maximal stimulation",
        "assumed",
        note="125 ug/m2 daily (Golden 2015) is ~230 ug/day for a 70 kg adult: 70 % of maximum",
    ),
    "gm_csf_effect_rate_per_day": P(
        0.3,
        "1/day",
        "rate at which the GM-CSF stimulation follows the dose rate (dendritic-cell "
        "differentiation and mobilisation lag)",
        "assumed",
        ("Jacqmin2007",),
        note="half-time 2.3 days: the response builds over the first week of daily injections",
    ),
    "priming_delay_day": P(
        6.0,
        "day",
        "mean transit time from priming to circulating effector (4-stage chain)",
        "source",
        ("Friedrich2022", "Kosinsky2018"),
        note="5-7 day priming delay",
    ),
    "clonal_proliferation_rate_per_day": P(
        2.0,
        "1/day",
        "proliferation rate during clonal expansion in the transit chain",
        "assumed",
        ("Kosinsky2018",),
        note="with a 6-day 4-stage chain this gives (1 + 2*6/4)^4 = 256-fold expansion; "
        "Kosinsky 2018 used 3 /day",
    ),
    "circulating_effector_death_rate_per_day": P(
        0.2,
        "1/day",
        "death rate of circulating effector CD8 T cells",
        "source",
        ("Kosinsky2018",),
        note="Kosinsky k_el = 0.2 /day",
    ),
    "memory_fraction": P(
        0.05,
        "1",
        "share of dying circulating effectors that become memory cells",
        "assumed",
        upper=1.0,
    ),
    "memory_reactivation_rate_per_day": P(
        0.2,
        "1/day",
        "maximal reactivation rate of memory cells by antigen",
        "assumed",
    ),
    "memory_expansion_factor": P(
        8.0,
        "1",
        "effectors produced per reactivated memory cell",
        "assumed",
    ),
    "memory_death_rate_per_day": P(
        0.002,
        "1/day",
        "loss rate of memory CD8 T cells",
        "assumed",
    ),
    "effector_infiltration_per_flow": P(
        0.264,
        "1/day per (mL/min)",
        "rate at which circulating effectors enter a lesion per mL/min of tumor blood flow",
        "derived",
        ("Poleszczuk2016", "Walker2018"),
        note="flow-weighted trafficking after Poleszczuk 2016, through the tumor's own vessels; "
        "0.02 before the revision, when entry scaled with the host organ's flow: rescaled so "
        "that a lung lesion keeps its entry (0.02 x 2.64 / 0.2 mL/min/g at 70 kg)",
    ),
    "tumor_perfusion_ml_per_min_per_g": P(
        0.2,
        "mL/min/g",
        "blood flow through tumor tissue per gram (its own vessels, not the host organ's)",
        "source",
        ("Mantyla1979", "Vaupel1989"),
        note="133Xe clearance in 97 human tumor nodules: 15-35 mL/min/100 g, lower than the "
        "surrounding normal tissue and unrelated to size (Mantyla 1979)",
    ),
    "chemokine_entry_gain": P(
        1.0,
        "1",
        "maximal rise of effector entry (multiplier - 1) by interferon-driven CXCL9/10",
        "assumed",
        ("Lugade2008", "Mikucki2015"),
        note="radiation induces IFN-dependent CXCL9/10, and CXCR3 is required for effector "
        "entry into tumors; the size of the rise is assumed",
    ),
    "clonogen_extinction_volume_mm3": P(
        1e-6,
        "mm3",
        "volume of one clonogenic cell: below it a lesion's growth stops (extinction)",
        "derived",
        note="one cell at the model's 1e6 cells per mm3; a lesion with fewer than about one "
        "clonogen left cannot regrow",
    ),
    "clonogen_extinction_hill": P(
        8.0,
        "1",
        "steepness of the loss of growth below one clonogen",
        "assumed",
        lower=1.0,
        note="steep enough that Gompertz growth cannot outrun natural death below one cell",
    ),
    "tumor_vascularity_relative": P(
        1.0,
        "1",
        "a lesion's tumor blood flow per gram relative to the typical tumor perfusion",
        "assumed",
    ),
    "antigen_shared_fraction": P(
        1.0,
        "1",
        "share of a lesion's cells carrying the (clonal) antigens the systemic repertoire "
        "targets; below 1 for a lesion whose antigens are partly its own",
        "assumed",
        ("McGranahan2016",),
        lower=0.0,
        upper=1.0,
        note="clonal neoantigens make tumors targets of T cells and checkpoint blockade, "
        "subclonal ones do not (McGranahan 2016); 1 = every lesion shares the antigens",
    ),
    "sting_signalling": P(
        1.0,
        "1",
        "cGAS-STING/IFNAR signalling of a lesion (1 intact, 0 lost: STING or IFNAR knock-out)",
        "assumed",
        ("Harding2017", "VanpouilleBox2017"),
        lower=0.0,
        upper=1.0,
    ),
    "draining_node_priming_share": P(
        0.5,
        "1",
        "share of tumor-specific priming that happens in the irradiated lesion's node",
        "assumed",
        upper=1.0,
    ),
    # --- lesion immune microenvironment ---------------------------------------------------------
    "effector_kill_rate_per_day": P(
        0.6,
        "1/day",
        "maximal immune kill rate of tumor cells (saturating, ratio-dependent)",
        "assumed",
    ),
    "effector_kill_half_saturation_ratio": P(
        0.05,
        "effector/tumor",
        "effector-to-tumor ratio at half-maximal kill",
        "assumed",
    ),
    "effector_baseline_ratio": P(
        0.002,
        "effector/tumor",
        "baseline effector CD8 T cells per tumor cell",
        "assumed",
    ),
    "effector_death_rate_per_day": P(
        0.2,
        "1/day",
        "death rate of effector CD8 T cells in the lesion",
        "source",
        ("Kosinsky2018",),
    ),
    "exhaustion_rate_per_day": P(
        0.2,
        "1/day",
        "rate at which effectors become exhausted, per unit PD-L1",
        "assumed",
    ),
    "exhausted_death_rate_per_day": P(
        0.05,
        "1/day",
        "death rate of exhausted CD8 T cells",
        "assumed",
    ),
    "reinvigoration_rate_per_day": P(
        0.2,
        "1/day",
        "rate at which exhausted cells regain function under full PD-1 blockade",
        "assumed",
        ("Kamphorst2017",),
    ),
    "pdl1_inhibition_constant": P(
        0.5,
        "PD-L1 units",
        "PD-L1 level that halves effector killing",
        "assumed",
    ),
    "pdl1_baseline": P(
        0.5,
        "PD-L1 units",
        "constitutive tumor PD-L1 (1 = strongly induced)",
        "assumed",
    ),
    "pdl1_turnover_rate_per_day": P(
        1.0,
        "1/day",
        "rate at which PD-L1 approaches its induced level",
        "source",
        ("Kosinsky2018",),
    ),
    "pdl1_ifng_induction_max": P(
        1.0,
        "PD-L1 units",
        "maximal PD-L1 induced by effector IFN-gamma (adaptive resistance)",
        "assumed",
        ("Kosinsky2018",),
    ),
    "pdl1_ifng_half_saturation_ratio": P(
        0.02,
        "effector/tumor",
        "effector-to-tumor ratio at half-maximal PD-L1 induction",
        "assumed",
        ("Kosinsky2018",),
    ),
    "pdl1_radiation_induction_max": P(
        0.5,
        "PD-L1 units",
        "maximal PD-L1 induced by the radiation danger signal",
        "assumed",
        ("Deng2014", "Dovedi2014"),
    ),
    "treg_recruitment_rate_per_day": P(
        0.0002,
        "1/day",
        "regulatory T cells recruited per viable tumor cell per day",
        "assumed",
    ),
    "treg_death_rate_per_day": P(0.1, "1/day", "death rate of intratumoral Tregs", "assumed"),
    "mdsc_recruitment_rate_per_day": P(
        0.0002,
        "1/day",
        "myeloid suppressor cells recruited per viable tumor cell per day",
        "assumed",
    ),
    "mdsc_radiation_recruitment": P(
        0.02,
        "1",
        "myeloid suppressor cells recruited per dying (doomed) tumor cell",
        "assumed",
        ("Xu2013",),
    ),
    "mdsc_death_rate_per_day": P(0.1, "1/day", "turnover of intratumoral MDSCs", "assumed"),
    "suppression_half_saturation_ratio": P(
        0.004,
        "suppressor/tumor",
        "suppressor-to-tumor ratio that halves effector killing",
        "assumed",
    ),
    "permissiveness_gain": P(
        1.0,
        "1",
        "maximal rise of lesion infiltration (multiplier - 1) after a dose",
        "assumed",
        ("Barsoumian2020",),
    ),
    "permissiveness_dose_scale_gy": P(
        2.0,
        "Gy",
        "dose at which the permissiveness gain reaches 63% of its maximum",
        "assumed",
        ("Barsoumian2020",),
    ),
    "stromal_barrier_baseline": P(
        0.0,
        "1",
        "share of effector entry a lesion's stroma blocks (TGF-beta, suppressive macrophages, "
        "abnormal vessels): 0 for an inflamed lesion, near 1 for an immune-excluded one",
        "assumed",
        ("Chen2017", "Mariathasan2018"),
        lower=0.0,
        upper=0.99,
        note="a lesion-level value: lesions of one patient may differ",
    ),
    "stromal_remodelling_dose_gy": P(
        2.0,
        "Gy",
        "dose that lowers the stromal barrier to 1/e (low doses reprogram tumor macrophages and "
        "normalise vessels)",
        "assumed",
        ("Klug2013", "Barsoumian2020"),
        note="Klug 2013: 2 Gy reprogrammed macrophages to iNOS+ and let T cells in; the scale "
        "is assumed",
    ),
    "stromal_barrier_recovery_rate_per_day": P(
        0.05,
        "1/day",
        "return of a remodelled stroma to its baseline barrier",
        "assumed",
    ),
    "permissiveness_decay_rate_per_day": P(
        0.05,
        "1/day",
        "decay of radiation-induced permissiveness to infiltration",
        "assumed",
    ),
    # --- checkpoint inhibitor effects --------------------------------------------------------------
    "ctla4_priming_gain": P(
        2.0,
        "1",
        "extra priming at full CTLA-4 occupancy (multiplier - 1)",
        "assumed",
    ),
    "ctla4_treg_depletion_rate_per_day": P(
        0.05,
        "1/day",
        "Fc-mediated depletion of intratumoral Tregs at full CTLA-4 occupancy",
        "assumed",
        ("Simpson2013",),
        note="weaker for human IgG1 ipilimumab than in mice",
    ),
    # --- bone and imaging observables --------------------------------------------------------------
    "sclerosis_fill_in_rate_per_day": P(
        0.02,
        "1/day",
        "rate of sclerotic fill-in of a bone lesion per unit dead fraction",
        "assumed",
        ("Hamaoka2004",),
    ),
    "sclerosis_remodel_rate_per_day": P(
        0.005,
        "1/day",
        "osteolytic loss of sclerosis per unit viable fraction",
        "assumed",
    ),
    "sul_viable_tumor": P(
        8.0,
        "g/mL",
        "SUL of viable tumor tissue (PERCIST proxy)",
        "assumed",
        ("Wahl2009",),
    ),
    "sul_inflammation_per_immune_ratio": P(
        20.0,
        "g/mL",
        "SUL contributed per immune-cell-to-tumor ratio (inflammatory uptake)",
        "assumed",
    ),
    "sul_background": P(
        1.0,
        "g/mL",
        "SUL of necrotic or normal background tissue",
        "assumed",
        ("Wahl2009",),
    ),
}

HUMAN_DEFAULT = ParameterSet(
    name="human_default",
    species="human",
    description="Adult metastatic solid tumor (NSCLC-like), 70 kg reference patient",
    parameters=PARAMETERS,
    calibration_note=(
        "Not yet fitted: immune kinetics assumed (see each value); radiobiology, blood flow, "
        "lymphocyte survival and PK from the cited sources."
    ),
)
