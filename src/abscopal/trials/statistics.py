"""Trial statistics: proportions with Wilson intervals, paired differences, Kaplan–Meier with
Greenwood variance and Brookmeyer–Crowley median intervals, and the log-rank test."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

Z95 = float(stats.norm.ppf(0.975))


@dataclass(frozen=True)
class Estimate:
    """A point estimate with a two-sided 95 % interval and the number it rests on."""

    estimate: float
    ci_low: float
    ci_high: float
    n: int


def wilson_interval(successes: int, n: int, z: float = Z95) -> Estimate:
    """Proportion with the Wilson score interval (good coverage at small n and near 0 or 1)."""
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    p = successes / n
    denominator = 1.0 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return Estimate(p, low, high, n)


def paired_difference(first: np.ndarray, second: np.ndarray, z: float = Z95) -> Estimate:
    """Difference in proportions (second - first) for the same patients under two arms, with
    the Wald interval of paired binary data: var = (b + c - (b - c)^2 / n) / n^2, where b and c
    count the discordant pairs."""
    first = np.asarray(first, dtype=bool)
    second = np.asarray(second, dtype=bool)
    n = first.size
    if n == 0:
        return Estimate(math.nan, math.nan, math.nan, 0)
    gained = int(np.sum(~first & second))
    lost = int(np.sum(first & ~second))
    difference = (gained - lost) / n
    variance = max(gained + lost - (gained - lost) ** 2 / n, 0.0) / n**2
    half = z * math.sqrt(variance)
    return Estimate(difference, difference - half, difference + half, n)


DAYS_PER_MONTH = 365.25 / 12  # months on survival axes


@dataclass(frozen=True)
class KaplanMeier:
    """Kaplan–Meier curve: event times, survival after each, Greenwood variance terms."""

    times: np.ndarray
    survival: np.ndarray
    greenwood: np.ndarray  # cumulative sum of d / (n (n - d)) up to each time
    n: int

    def confidence_band(self, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
        """Pointwise 95 % band of the survival after each event time, log-log transformed
        (Kalbfleisch–Prentice) from the Greenwood variance; 0 where the survival is 0, NaN where
        the band is undefined (a survival of 1)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            log_s = np.log(self.survival)
            se = np.sqrt(self.greenwood) / np.abs(log_s)
            lower = self.survival ** np.exp(z * se)
            upper = self.survival ** np.exp(-z * se)
        gone = self.survival == 0.0  # every patient had the event: the band closes at 0
        return np.where(gone, 0.0, lower), np.where(gone, 0.0, upper)

    def step_curve(self, end_day: float) -> dict[str, np.ndarray]:
        """The curve as steps from day 0 to ``end_day`` (the last follow-up): ``day``,
        ``survival`` and its band ``lower`` / ``upper`` (undefined bounds as 0 and 1), each
        value holding until the next day — what a figure or a chart draws."""
        day = np.r_[0.0, self.times, end_day]
        if not self.times.size:
            ones = np.ones(2)
            return {"day": day, "survival": ones, "lower": ones, "upper": ones}
        lower, upper = self.confidence_band()
        lower, upper = np.nan_to_num(lower, nan=0.0), np.nan_to_num(upper, nan=1.0)
        return {
            "day": day,
            "survival": np.r_[1.0, self.survival, self.survival[-1]],
            "lower": np.r_[1.0, lower, lower[-1]],
            "upper": np.r_[1.0, upper, upper[-1]],
        }

    def survival_at(self, time: np.ndarray) -> np.ndarray:
        """The step function: survival just after ``time`` (1 before the first event)."""
        index = np.searchsorted(self.times, np.asarray(time, float), side="right")
        return np.r_[1.0, self.survival][index]

    def median(self) -> Estimate:
        """Median time with the Brookmeyer–Crowley interval (log-log transformed pointwise
        bands): from the first time the lower band reaches 0.5 to the first time the upper band
        does. With survival falling in steps (scans) both can be the same time."""
        if self.times.size == 0:
            return Estimate(math.nan, math.nan, math.nan, self.n)
        below = np.flatnonzero(self.survival <= 0.5)
        median = float(self.times[below[0]]) if below.size else math.nan
        lower, upper = self.confidence_band()
        lower_cross = np.flatnonzero(np.nan_to_num(lower, nan=0.0) <= 0.5)
        upper_cross = np.flatnonzero(np.nan_to_num(upper, nan=0.0) <= 0.5)
        low = float(self.times[lower_cross[0]]) if lower_cross.size else math.nan
        high = float(self.times[upper_cross[0]]) if upper_cross.size else math.nan
        return Estimate(median, low, high, self.n)


def kaplan_meier(time: np.ndarray, event: np.ndarray) -> KaplanMeier:
    """Kaplan–Meier estimate from follow-up times and event flags (False = censored)."""
    time = np.asarray(time, dtype=float)
    event = np.asarray(event, dtype=bool)
    unique = np.unique(time[event])
    survival, greenwood = [], []
    s, g = 1.0, 0.0
    for t in unique:
        at_risk = int(np.sum(time >= t))
        deaths = int(np.sum((time == t) & event))
        s *= 1.0 - deaths / at_risk
        g += deaths / (at_risk * (at_risk - deaths)) if at_risk > deaths else math.inf
        survival.append(s)
        greenwood.append(g)
    return KaplanMeier(unique, np.array(survival), np.array(greenwood), int(time.size))


@dataclass(frozen=True)
class LogRank:
    """Log-rank test of B vs A with the Peto hazard ratio exp((O_B - E_B) / V) and its
    interval exp(ln HR +- z / sqrt(V))."""

    chi_square: float
    p_value: float
    hazard_ratio: float
    ci_low: float
    ci_high: float


def log_rank(time_a, event_a, time_b, event_b) -> LogRank:
    """Log-rank test and Peto hazard ratio of group B against group A."""
    time = np.concatenate([np.asarray(time_a, float), np.asarray(time_b, float)])
    event = np.concatenate([np.asarray(event_a, bool), np.asarray(event_b, bool)])
    group_b = np.concatenate([np.zeros(len(time_a), bool), np.ones(len(time_b), bool)])
    observed_minus_expected, variance = 0.0, 0.0
    for t in np.unique(time[event]):
        at_risk = time >= t
        n, n_b = int(at_risk.sum()), int((at_risk & group_b).sum())
        d = int(np.sum((time == t) & event))
        d_b = int(np.sum((time == t) & event & group_b))
        observed_minus_expected += d_b - d * n_b / n
        if n > 1:
            variance += d * (n_b / n) * (1 - n_b / n) * (n - d) / (n - 1)
    if variance == 0:
        return LogRank(0.0, 1.0, math.nan, math.nan, math.nan)
    chi_square = observed_minus_expected**2 / variance
    log_hr = observed_minus_expected / variance
    half = Z95 / math.sqrt(variance)
    return LogRank(
        chi_square,
        float(stats.chi2.sf(chi_square, 1)),
        math.exp(log_hr),
        math.exp(log_hr - half),
        math.exp(log_hr + half),
    )
