"""Figures of simulations, assessments and trials (matplotlib, Agg backend).

Vector output keeps its text editable for journals: SVG text stays text (``svg.fonttype:
none``) and PDF embeds TrueType fonts (``pdf.fonttype: 42``) instead of Type 3 outlines.
"""

import matplotlib

matplotlib.rcParams["svg.fonttype"] = "none"
matplotlib.rcParams["pdf.fonttype"] = 42
