"""Screening questionnaires with their published scoring and cut-offs (no Django here).

Free instruments only: PHQ-9 and GAD-7 (Pfizer released them for unrestricted use in 2010),
PCL-5 (public domain, US VA National Center for PTSD) and the WHO's AUDIT. A screen is not a
diagnosis: a positive result routes the person to a clinician. Item wording is not stored
here: the psychologist administers the validated paper form in the person's language (Kazakh
and Russian validations must be sourced, see docs/web.md) and records the item scores.

Licensed risk instruments (VERA-2R, ERG22+, TRAP-18) are never scored or itemised by Qaitu:
only their recorded outcome, assessor, date and report (see ``LICENSED``).

>>> r = score("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1])
>>> r.total, r.band, r.positive, r.flags
(9, 'mild', False, ('self_harm_item',))
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ScreeningError(ValueError):
    """Answers that do not fit the instrument (count or value), with the item number."""


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    items: int
    allowed: tuple[tuple[int, ...], ...]  # per item, the scores the form allows
    bands: tuple[tuple[int, str], ...]  # (lowest total, band code), ascending
    positive_from: int  # the published screening cut-off
    source: str

    @property
    def max_total(self) -> int:
        return sum(max(a) for a in self.allowed)

    def band_of(self, total: int) -> str:
        return [b for low, b in self.bands if total >= low][-1]


def _same(n: int, top: int) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(range(top + 1)) for _ in range(n))


PHQ9 = Instrument(
    "phq9", "PHQ-9", 9, _same(9, 3),
    ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "moderately_severe"), (20, "severe")),
    10, "Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16(9):606-613")
GAD7 = Instrument(
    "gad7", "GAD-7", 7, _same(7, 3),
    ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")),
    10, "Spitzer, Kroenke, Williams & Löwe 2006, Arch Intern Med 166(10):1092-1097")
PCL5 = Instrument(
    "pcl5", "PCL-5", 20, _same(20, 4),
    ((0, "below_cutoff"), (33, "probable_ptsd")),
    33, "Weathers et al. 2013, National Center for PTSD; cut-off 31-33 (Bovin et al. 2016): "
        "Qaitu uses 33")
AUDIT = Instrument(
    "audit", "AUDIT", 10, (*_same(8, 4), (0, 2, 4), (0, 2, 4)),
    ((0, "zone_1"), (8, "zone_2"), (16, "zone_3"), (20, "zone_4")),
    8, "Babor et al. 2001, WHO/MSD/MSB/01.6a: zones I 0-7, II 8-15, III 16-19, IV 20-40")

INSTRUMENTS = {i.code: i for i in (PHQ9, GAD7, PCL5, AUDIT)}

#: Extremism risk instruments under licence: Qaitu records the outcome only.
LICENSED = {
    "vera2r": ("VERA-2R", ("low", "moderate", "high")),
    "erg22": ("ERG22+", ("low", "moderate", "high")),
    "trap18": ("TRAP-18", ("no_concern", "monitor", "manage")),
}

# PCL-5 symptom clusters (DSM-5), items numbered from 1, and how many must be endorsed
# (an item scored 2 "moderately" or higher) for a provisional PTSD diagnosis.
PCL5_CLUSTERS = {"B": (range(1, 6), 1), "C": (range(6, 8), 1), "D": (range(8, 15), 2),
                 "E": (range(15, 21), 2)}


@dataclass(frozen=True)
class Result:
    instrument: str
    total: int
    band: str
    positive: bool
    flags: tuple[str, ...] = ()
    subscores: dict[str, int] = field(default_factory=dict)


def _check(inst: Instrument, answers: list[int]) -> list[int]:
    if len(answers) != inst.items:
        raise ScreeningError(f"{inst.name}: {inst.items} answers expected, {len(answers)} given")
    out = []
    for i, (a, allowed) in enumerate(zip(answers, inst.allowed, strict=True), start=1):
        if isinstance(a, bool) or not isinstance(a, int) or a not in allowed:
            raise ScreeningError(f"{inst.name} item {i}: {a!r} is not one of "
                                 f"{', '.join(map(str, allowed))}")
        out.append(a)
    return out


def score(code: str, answers: list[int]) -> Result:
    """Score ``answers`` (item scores in the form's order) on instrument ``code``."""
    inst = INSTRUMENTS.get(code)
    if inst is None:
        raise ScreeningError(f"unknown instrument {code!r}; known: {', '.join(INSTRUMENTS)}")
    a = _check(inst, answers)
    total = sum(a)
    flags: list[str] = []
    subscores: dict[str, int] = {}
    if code == "phq9" and a[8] > 0:
        # Item 9 (thoughts of death or self-harm): any answer above 0 needs the safety protocol
        # at once, whatever the total (Kroenke et al. 2001; the instrument's instructions).
        flags.append("self_harm_item")
    if code == "pcl5":
        met = True
        for cluster, (items, need) in PCL5_CLUSTERS.items():
            subscores[cluster] = sum(a[i - 1] for i in items)
            met &= sum(a[i - 1] >= 2 for i in items) >= need
        if met:
            flags.append("dsm5_pattern")
    if code == "audit":
        subscores = {"consumption": sum(a[0:3]), "dependence": sum(a[3:6]),
                     "harm": sum(a[6:10])}
        if any(x >= 2 for x in a[3:6]):
            flags.append("dependence_symptoms")  # monthly or more often on items 4-6
        if 4 in (a[8], a[9]):
            flags.append("recent_harm")  # injury or others' concern in the last year
    return Result(code, total, inst.band_of(total), total >= inst.positive_from, tuple(flags),
                  subscores)


#: Per instrument, the change of the total from which it is reliable and (where published)
#: clinically meaningful: PCL-5 5 and 10 points (National Center for PTSD); PHQ-9 5 points
#: (Löwe et al. 2004). GAD-7 and AUDIT: none kept here, so a change is "unknown".
CHANGE_THRESHOLDS: dict[str, tuple[int, int | None]] = {"pcl5": (5, 10), "phq9": (5, None)}


def change(code: str, before: int, after: int) -> str:
    """Whether a change in the total is worth a clinician's notice (:data:`CHANGE_THRESHOLDS`;
    "unknown" for an instrument without one)."""
    if code not in CHANGE_THRESHOLDS:
        return "unknown"
    reliable, meaningful = CHANGE_THRESHOLDS[code]
    d = abs(after - before)
    if meaningful is not None and d >= meaningful:
        return "meaningful"
    return "reliable" if d >= reliable else "none"
