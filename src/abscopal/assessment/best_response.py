"""Best overall response from a sequence of time-point responses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

CONFIRMATION_DAYS = 28.0


def best_overall_response(
    days: Sequence[float],
    responses: Sequence[str | None],
    *,
    rank: Mapping[str, int],
    progression: frozenset[str],
    confirmations: Mapping[str, frozenset[str]],
    stable: str,
    baseline_day: float,
    confirm: bool = False,
    min_stable_days: float = 0.0,
    unconfirmed: frozenset[str] = frozenset(),
) -> tuple[str, float | None]:
    """Best response recorded from baseline until (and including) the first progression.

    With ``confirm``, a response (e.g. PR) counts only when a later scan at least 28 days after it
    shows a response in ``confirmations[code]`` (PR or CR for PR); unconfirmed it counts as
    ``stable``. A stable reading earlier than ``min_stable_days`` after baseline counts as NE.
    An ``unconfirmed`` progression (iUPD) that a later scan confirms takes the confirmed code.
    Returns the code and the day it was first recorded (None when nothing was evaluable).
    """
    sequence: list[tuple[float, str]] = []
    for day, response in zip(days, responses, strict=True):
        if response is None:
            continue
        sequence.append((float(day), response))
        if response in progression:
            break
    if not sequence:
        return "NE", None
    if sequence[-1][1] in progression:
        position = len(sequence) - 2
        while position >= 0 and sequence[position][1] in unconfirmed:
            sequence[position] = (sequence[position][0], sequence[-1][1])
            position -= 1
    effective: list[tuple[float, str]] = []
    for position, (day, response) in enumerate(sequence):
        code = response
        if confirm and response in confirmations:
            later = sequence[position + 1 :]
            if not any(
                later_day - day >= CONFIRMATION_DAYS - 1e-9
                and later_code in confirmations[response]
                for later_day, later_code in later
            ):
                code = stable
        if code == stable and day - baseline_day < min_stable_days - 1e-9:
            code = "NE"
        effective.append((day, code))
    best_day, best = max(effective, key=lambda item: (rank[item[1]], -item[0]))
    return best, best_day
