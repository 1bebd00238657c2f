"""Virtual cohorts and trials: trial files, cohort sampling and the chunked trial engine."""
