"""Registry of the published sources that parameters, mechanisms and examples rest on.

Every parameter and mechanism names its sources by key; outputs list the full references of the
keys that were used to produce them.
"""

from __future__ import annotations

REFERENCES: dict[str, str] = {
    "Dewan2009": (
        "Dewan MZ, Galloway AE, Kawashima N, et al. Fractionated but not single-dose radiotherapy "
        "induces an immune-mediated abscopal effect when combined with anti-CTLA-4 antibody. "
        "Clin Cancer Res 2009;15(17):5379-88. doi:10.1158/1078-0432.CCR-09-0265"
    ),
    "VanpouilleBox2017": (
        "Vanpouille-Box C, Alard A, Aryankalayil MJ, et al. DNA exonuclease Trex1 regulates "
        "radiotherapy-induced tumour immunogenicity. Nat Commun 2017;8:15618. "
        "doi:10.1038/ncomms15618"
    ),
    "Kosinsky2018": (
        "Kosinsky Y, Dovedi SJ, Peskov K, et al. Radiation and PD-(L)1 treatment combinations: "
        "immune response and dose optimization via a predictive systems model. "
        "J Immunother Cancer 2018;6:17. doi:10.1186/s40425-018-0327-9"
    ),
    "Serre2016": (
        "Serre R, Benzekry S, Padovani L, et al. Mathematical modeling of cancer immunotherapy and "
        "its synergy with radiotherapy. Cancer Res 2016;76(17):4931-40. "
        "doi:10.1158/0008-5472.CAN-15-3567"
    ),
    "Cho2023": (
        "Cho Y-B, Yoon N, Suh JH, Scott JG. Radio-immune response modelling for spatially "
        "fractionated radiotherapy. Phys Med Biol 2023;68(16):165010. doi:10.1088/1361-6560/ace819"
    ),
    "Friedrich2022": (
        "Friedrich T, Scholz M, Durante M. A predictive biophysical model of the combined action of "
        "radiation therapy and immunotherapy of cancer. Int J Radiat Oncol Biol Phys "
        "2022;113(4):872-84. doi:10.1016/j.ijrobp.2022.03.030"
    ),
    "Poleszczuk2016": (
        "Poleszczuk J, Luddy KA, Prokopiou S, et al. Abscopal benefits of localized radiotherapy "
        "depend on activated T-cell trafficking and distribution between metastatic lesions. "
        "Cancer Res 2016;76(5):1009-18. doi:10.1158/0008-5472.CAN-15-1423"
    ),
    "Walker2018": (
        "Walker R, Poleszczuk J, Pilon-Thomas S, et al. Immune interconnectivity of anatomically "
        "distant tumors as a potential mediator of systemic responses to local therapy. "
        "Sci Rep 2018;8:9474. doi:10.1038/s41598-018-27718-1"
    ),
    "ICRP89": (
        "ICRP. Basic anatomical and physiological data for use in radiological protection: "
        "reference values. ICRP Publication 89. Ann ICRP 2002;32(3-4)."
    ),
    "Shin2021": (
        "Shin J, Xing S, McCullum L, et al. HEDOS - a computational tool to assess radiation dose "
        "to circulating blood cells during external beam radiotherapy based on whole-body blood "
        "flow simulations. Phys Med Biol 2021;66(16). doi:10.1088/1361-6560/ac16ea"
    ),
    "Beekman2023": (
        "Beekman C, et al. A stochastic model of blood flow to calculate blood dose during "
        "radiotherapy. Phys Med Biol 2023;68(22)."
    ),
    "HedosLymphopenia": (
        "kildealab/hedos_extension_lymphopenia (GitHub): per-fraction blood lymphocyte survival "
        "S(D) = SF^(1 - exp(-mu D)), mu = 2.18 /Gy, SF = 0.57, ALC recovery 0.02 /day."
    ),
    "Wei2021": (
        "Wei J, Montalvo-Ortiz W, Yu L, et al. Sequence of alphaPD-1 relative to local tumor "
        "irradiation determines the induction of abscopal antitumor immune responses. "
        "Sci Immunol 2021;6(58):eabg0117. doi:10.1126/sciimmunol.abg0117"
    ),
    "Dovedi2014": (
        "Dovedi SJ, Adlard AL, Lipowska-Bhalla G, et al. Acquired resistance to fractionated "
        "radiotherapy can be overcome by concurrent PD-L1 blockade. Cancer Res 2014;74(19):5458-68."
        " doi:10.1158/0008-5472.CAN-14-1258"
    ),
    "Deng2014": (
        "Deng L, Liang H, Burnette B, et al. Irradiation and anti-PD-L1 treatment synergistically "
        "promote antitumor immunity in mice. J Clin Invest 2014;124(2):687-95. doi:10.1172/JCI67313"
    ),
    "TwymanSaintVictor2015": (
        "Twyman-Saint Victor C, Rech AJ, Maity A, et al. Radiation and dual checkpoint blockade "
        "activate non-redundant immune mechanisms in cancer. Nature 2015;520:373-7. "
        "doi:10.1038/nature14292"
    ),
    "Kamphorst2017": (
        "Kamphorst AO, Wieland A, Nasti T, et al. Rescue of exhausted CD8 T cells by PD-1-targeted "
        "therapies is CD28-dependent. Science 2017;355:1423-7; and Im SJ et al. Nature "
        "2016;537:417-21 (stem-like TCF1+ CD8 precursors expand under PD-1 blockade)."
    ),
    "Simpson2013": (
        "Simpson TR, Li F, Montalvo-Ortiz W, et al. Fc-dependent depletion of tumor-infiltrating "
        "regulatory T cells co-defines the efficacy of anti-CTLA-4 therapy against melanoma. "
        "J Exp Med 2013;210(9):1695-710. doi:10.1084/jem.20130579"
    ),
    "Xu2013": (
        "Xu J, Escamilla J, Mok S, et al. CSF1R signaling blockade stanches tumor-infiltrating "
        "myeloid cells and improves the efficacy of radiotherapy in prostate cancer. "
        "Cancer Res 2013;73(9):2782-94 (radiation recruits myeloid suppressor cells)."
    ),
    "Barsoumian2020": (
        "Barsoumian HB, Ramapriyan R, Younes AI, et al. Low-dose radiation treatment enhances "
        "systemic antitumor immune responses by overcoming the inhibitory stroma. "
        "J Immunother Cancer 2020;8:e000537. doi:10.1136/jitc-2020-000537"
    ),
    "Ahamadi2017": (
        "Ahamadi M, Freshwater T, Prohn M, et al. Model-based characterization of the "
        "pharmacokinetics of pembrolizumab: a humanized anti-PD-1 monoclonal antibody in advanced "
        "solid tumors. CPT Pharmacometrics Syst Pharmacol 2017;6(1):49-57 (parameters as coded in "
        "the mrgsolve depot model pembro.cpp)."
    ),
    "Bajaj2017": (
        "Bajaj G, Wang X, Agrawal S, et al. Model-based population pharmacokinetic analysis of "
        "nivolumab in patients with solid tumors. CPT Pharmacometrics Syst Pharmacol "
        "2017;6(1):58-66."
    ),
    "Feng2013": (
        "Feng Y, Roy A, Masson E, et al. Exposure-response relationships of the efficacy and safety "
        "of ipilimumab in patients with advanced melanoma. Clin Cancer Res 2013;19(14):3977-86."
    ),
    "Stroh2017": (
        "Stroh M, Winter H, Marchand M, et al. Clinical pharmacokinetics and pharmacodynamics of "
        "atezolizumab in metastatic urothelial carcinoma. Clin Pharmacol Ther 2017;102(2):305-12."
    ),
    "Dale1985": (
        "Dale RG. The application of the linear-quadratic dose-effect equation to fractionated and "
        "protracted radiotherapy. Br J Radiol 1985;58:515-28. doi:10.1259/0007-1285-58-690-515"
    ),
    "Gulec2006": (
        "Gulec SA, Mesoloras G, Stabin M. Dosimetric techniques in 90Y-microsphere therapy of liver "
        "cancer: the MIRD equations for dose calculations. J Nucl Med 2006;47(7):1209-11."
    ),
    "Ho1996": (
        "Ho S, Lau WY, Leung TW, et al. Partition model for estimating radiation doses from "
        "yttrium-90 microspheres in treating hepatic tumours. Eur J Nucl Med 1996;23(8):947-52."
    ),
    "Salem2011": (
        "Salem R, Thurston KG. Radioembolization with 90Yttrium microspheres: a state-of-the-art "
        "brachytherapy treatment for primary and secondary liver malignancies (lung dose limit "
        "30 Gy per treatment, 50 Gy cumulative). J Vasc Interv Radiol 2006;17:1251-78."
    ),
    "Joiner2009": (
        "Joiner MC, van der Kogel AJ (eds). Basic Clinical Radiobiology, 4th ed. Hodder Arnold, "
        "2009 (linear-quadratic model, alpha/beta ratios, repair half-times)."
    ),
    "Theelen2019": (
        "Theelen WSME, Peulen HMU, Lalezari F, et al. Effect of pembrolizumab after stereotactic "
        "body radiotherapy vs pembrolizumab alone on tumor response in patients with advanced "
        "non-small cell lung cancer: the PEMBRO-RT phase 2 randomized clinical trial. "
        "JAMA Oncol 2019;5(9):1276-82. doi:10.1001/jamaoncol.2019.1478"
    ),
    "Grossman2015": (
        "Grossman SA, Ellsworth S, Campian J, et al. Survival in patients with severe lymphopenia "
        "following treatment with radiation and chemotherapy for newly diagnosed solid tumors. "
        "J Natl Compr Canc Netw 2015;13(10):1225-31 (normal ALC ~1500-2000 /uL)."
    ),
    "Wahl2009": (
        "Wahl RL, Jacene H, Kasamon Y, Lodge MA. From RECIST to PERCIST: evolving considerations "
        "for PET response criteria in solid tumors. J Nucl Med 2009;50 Suppl 1:122S-50S."
    ),
    "Eisenhauer2009": (
        "Eisenhauer EA, Therasse P, Bogaerts J, et al. New response evaluation criteria in solid "
        "tumours: revised RECIST guideline (version 1.1). Eur J Cancer 2009;45(2):228-47."
    ),
    "Hamaoka2004": (
        "Hamaoka T, Madewell JE, Podoloff DA, Hortobagyi GN, Ueno NT. Bone imaging in metastatic "
        "breast cancer (MD Anderson bone response criteria: sclerotic fill-in of lytic lesions). "
        "J Clin Oncol 2004;22(14):2942-53."
    ),
    "Seymour2017": (
        "Seymour L, Bogaerts J, Perrone A, et al. iRECIST: guidelines for response criteria for "
        "use in trials testing immunotherapeutics. Lancet Oncol 2017;18(3):e143-52."
    ),
    "Lencioni2010": (
        "Lencioni R, Llovet JM. Modified RECIST (mRECIST) assessment for hepatocellular "
        "carcinoma. Semin Liver Dis 2010;30(1):52-60."
    ),
    "Costelloe2010": (
        "Costelloe CM, Chuang HH, Madewell JE, Ueno NT. Cancer response criteria and bone "
        "metastases: RECIST 1.1, MDA and PERCIST. J Cancer 2010;1:80-92."
    ),
    "Allen2016": (
        "Allen RJ, Rieger TR, Musante CJ. Efficient generation and selection of virtual "
        "populations in quantitative systems pharmacology models. CPT Pharmacometrics Syst "
        "Pharmacol 2016;5(3):140-146. doi:10.1002/psp4.12063"
    ),
    "Golden2015": (
        "Golden EB, Chhabra A, Chachoua A, et al. Local radiotherapy and granulocyte-macrophage "
        "colony-stimulating factor to generate abscopal responses in patients with metastatic "
        "solid tumours: a proof-of-principle trial. Lancet Oncol 2015;16(7):795-803. "
        "doi:10.1016/S1470-2045(15)00054-6"
    ),
    "Dranoff1993": (
        "Dranoff G, Jaffee E, Lazenby A, et al. Vaccination with irradiated tumor cells "
        "engineered to secrete murine granulocyte-macrophage colony-stimulating factor stimulates "
        "potent, specific, and long-lasting anti-tumor immunity. Proc Natl Acad Sci USA "
        "1993;90(8):3539-43. doi:10.1073/pnas.90.8.3539"
    ),
    "Sallusto1994": (
        "Sallusto F, Lanzavecchia A. Efficient presentation of soluble antigen by cultured human "
        "dendritic cells is maintained by granulocyte/macrophage colony-stimulating factor plus "
        "interleukin 4 and downregulated by tumor necrosis factor alpha. J Exp Med "
        "1994;179(4):1109-18. doi:10.1084/jem.179.4.1109"
    ),
    "Leukine": (
        "Leukine (sargramostim) for injection, US prescribing information, clinical pharmacology "
        "section (elimination half-life after intravenous and subcutaneous dosing). Partner "
        "Therapeutics. Values recalled, not re-read here."
    ),
    "Jacqmin2007": (
        "Jacqmin P, Snoeck E, van Schaick EA, et al. Modelling response time profiles in the "
        "absence of drug concentrations: definition and performance evaluation of the K-PD "
        "model. J Pharmacokinet Pharmacodyn 2007;34(1):57-85. doi:10.1007/s10928-006-9035-z"
    ),
    "LivingstonLee2001": (
        "Livingston EH, Lee S. Body surface area prediction in normal-weight and obese patients. "
        "Am J Physiol Endocrinol Metab 2001;281(3):E586-91. doi:10.1152/ajpendo.2001.281.3.E586"
    ),
    "Grapin2019": (
        "Grapin M, Richard C, Limagne E, et al. Optimized fractionated radiotherapy with "
        "anti-PD-L1 and anti-TIGIT: a promising new combination. J Immunother Cancer 2019;7:160. "
        "PMC6593525"
    ),
    "Harding2017": (
        "Harding SM, Benci JL, Irianto J, et al. Mitotic progression following DNA damage "
        "enables pattern recognition within micronuclei. Nature 2017;548:466-70. "
        "doi:10.1038/nature23470"
    ),
    "Mackenzie2017": (
        "Mackenzie KJ, Carroll P, Martin CA, et al. cGAS surveillance of micronuclei links genome "
        "instability to innate immunity. Nature 2017;548:461-5. doi:10.1038/nature23449"
    ),
    "IAEA2011": (
        "International Atomic Energy Agency. Cytogenetic dosimetry: applications in preparedness "
        "for and response to radiation emergencies. EPR-Biodosimetry 2011. Vienna: IAEA; 2011"
    ),
    "Mantyla1979": (
        "Mantyla MJ. Regional blood flow in human tumors. Cancer Res 1979;39(6 Pt 2):2304-6"
    ),
    "Vaupel1989": (
        "Vaupel P, Kallinowski F, Okunieff P. Blood flow, oxygen and nutrient supply, and "
        "metabolic microenvironment of human tumors: a review. Cancer Res 1989;49(23):6449-65"
    ),
    "Lugade2008": (
        "Lugade AA, Sorensen EW, Gerber SA, et al. Radiation-induced IFN-gamma production within "
        "the tumor microenvironment influences antitumor immunity. J Immunol 2008;180(5):3132-9. "
        "doi:10.4049/jimmunol.180.5.3132"
    ),
    "Mikucki2015": (
        "Mikucki ME, Fisher DT, Matsuzaki J, et al. Non-redundant requirement for CXCR3 "
        "signalling during tumoricidal T-cell trafficking across tumour vascular checkpoints. "
        "Nat Commun 2015;6:7458. doi:10.1038/ncomms8458"
    ),
    "Yu2021": (
        "Yu J, Green MD, Li S, et al. Liver metastasis restrains immunotherapy efficacy via "
        "macrophage-mediated T cell elimination. Nat Med 2021;27(1):152-64. "
        "doi:10.1038/s41591-020-1131-x"
    ),
    "McGranahan2016": (
        "McGranahan N, Furness AJS, Rosenthal R, et al. Clonal neoantigens elicit T cell "
        "immunoreactivity and sensitivity to immune checkpoint blockade. Science "
        "2016;351(6280):1463-9. doi:10.1126/science.aaf1490"
    ),
    "Chen2017": (
        "Chen DS, Mellman I. Elements of cancer immunity and the cancer-immune set point. "
        "Nature 2017;541(7637):321-30. doi:10.1038/nature21349"
    ),
    "Mariathasan2018": (
        "Mariathasan S, Turley SJ, Nickles D, et al. TGF-beta attenuates tumour response to PD-L1 "
        "blockade by contributing to exclusion of T cells. Nature 2018;554(7693):544-8. "
        "doi:10.1038/nature25501"
    ),
    "Klug2013": (
        "Klug F, Prakash H, Huber PE, et al. Low-dose irradiation programs macrophage "
        "differentiation to an iNOS+/M1 phenotype that orchestrates effective T cell "
        "immunotherapy. Cancer Cell 2013;24(5):589-602. doi:10.1016/j.ccr.2013.09.014"
    ),
    "Lee2009": (
        "Lee Y, Auh SL, Wang Y, et al. Therapeutic effects of ablative radiation on local tumor "
        "require CD8+ T cells: changing strategies for cancer treatment. Blood "
        "2009;114(3):589-95."
    ),
    "ElderlyGBMLymphopenia": (
        "Elderly glioblastoma cohort (72 patients, radiotherapy with temozolomide): total "
        "lymphocyte count 1100 -> 650 /mm3 (-41 %) two months after the start of radiotherapy. "
        "PMC4783226 (as summarised in research/validation.md section 3; authors not recorded)."
    ),
    "Wild2016": (
        "Wild AT, Herman JM, Dholakia AS, et al. Lymphocyte-sparing effect of stereotactic body "
        "radiation therapy in patients with unresectable pancreatic cancer. Int J Radiat Oncol "
        "Biol Phys 2016;94(3):571-9. doi:10.1016/j.ijrobp.2015.11.026"
    ),
    "Kachikwu2011": (
        "Kachikwu EL, Iwamoto KS, Liao YP, et al. Radiation enhances regulatory T cell "
        "representation. Int J Radiat Oncol Biol Phys 2011;81(4):1128-35."
    ),
    "Sakaguchi1995": (
        "Sakaguchi S, Sakaguchi N, Asano M, Itoh M, Toda M. Immunologic self-tolerance maintained "
        "by activated T cells expressing IL-2 receptor alpha-chains (CD25). J Immunol "
        "1995;155(3):1151-64."
    ),
    "Wing2008": (
        "Wing K, Onishi Y, Prieto-Martin P, et al. CTLA-4 control over Foxp3+ regulatory T cell "
        "function. Science 2008;322(5899):271-5. doi:10.1126/science.1160062"
    ),
}


def reference(key: str) -> str:
    """Full reference text for a citation key."""
    try:
        return REFERENCES[key]
    except KeyError as error:
        raise KeyError(f"unknown citation key {key!r}") from error


def references(keys: set[str] | list[str]) -> list[dict[str, str]]:
    """Sorted list of ``{"key", "reference"}`` records for the given keys."""
    return [{"key": key, "reference": reference(key)} for key in sorted(set(keys))]
