"""One case under one variant of the law, as a ``qaitu.assessment/1`` variant entry.

The rules run once over every scenario of the case (see :mod:`.completions`); this module reads
the results back: a status that holds in every scenario is definite, one that differs is
``possible``, and the unknown facts that make it differ are listed under ``depends_on``. The
entry is in no language: its reasons (:mod:`.reasons`) and trace (:mod:`.trace`) are findings
(:mod:`.findings`), said for a reader by :mod:`.render`. The ``sentence`` block, for a case
with a sentence, comes from :mod:`.sentence`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from qaitu.assessment.completions import Completions, Reach, deciding_slots_each
from qaitu.assessment.explain import CONDITION_OF
from qaitu.assessment.findings import Word, citation, enum_label, fact, joined, reason
from qaitu.assessment.outputs import (
    GRAVITY,
    OPTIONS,
    RULES,
    STATUS,
    Outputs,
    cite,
    sanction_source,
    whole_years,
)
from qaitu.assessment.reasons import (
    amendments,
    closed_reasons,
    condition_met,
    conditions,
    cumulative,
    element_reasons,
    option_conflict,
    option_reasons,
    parole_reasons,
    range_reasons,
)
from qaitu.assessment.sentence import sentence_block, sentence_law
from qaitu.assessment.trace import trace
from qaitu.law.articles import ARTICLES, Article, article_number, article_part
from qaitu.law.cohort import QUALIFIED, qualified, run_applicable, taken_from
from qaitu.law.defaults import Exception_
from qaitu.law.engine import run, same_rules
from qaitu.law.sentence_dates import SentenceFacts, sentence_dates
from qaitu.law.variables.authoring import CITES
from qaitu.law.variables.general_part.art_065_067_release import RELEASE
from qaitu.law.variables.special_part.elements import ELEMENTS, element_bit


def _status(values: NDArray[Any], names: list[str]) -> str:
    return names[int(values[0])] if len(values) and not _varies(values) else "possible"


def _qualifications(o: Outputs, system: TaxBenefitSystem,
                    skip: Set[int] = frozenset(), episode: int | None = None,
                    everywhere: NDArray[np.bool_] | None = None) -> list[dict[str, Any]]:
    """Every part that applies in some scenario, or nearly does, except in the episodes
    ``skip``; ``episode``: the number of the one episode run, if it was run alone.
    ``everywhere``: which parts apply in every scenario, when ``o`` holds only some of them
    (the first, and one where each part applies that applies somewhere)."""
    applies, alternative = o.charge["applies"], o.charge["alternative"]
    found = []
    for flat in _shown(o, skip):
        e, a = divmod(flat, len(ARTICLES))
        article = ARTICLES[a]
        col = applies[:, e, a]
        alt = alternative[:, e, a]
        # An alternative qualification is a legal judgement the court makes: "possible".
        where = np.flatnonzero(col | alt)
        s = int(where[0]) if len(where) else 0
        status = _status_of(col if everywhere is None else everywhere[:, e, a], alt)
        entry: dict[str, Any] = {
            "article": article_number(article), "part": article_part(article),
            "citation": cite(article), "episode": e if episode is None else episode,
            "status": status,
            "gravity": GRAVITY[o.at("gravity", s, flat)],
            "terrorist_crime": bool(o.at("terrorist_crime", s, flat)),
            "extremist_crime": bool(o.at("extremist_crime", s, flat)),
            "law_version": str(o.at("law_version", s, flat)),
            **sanction_source(system, article, str(o.at("law_version", s, flat))),
        }
        if len(where):
            rows = o.charge
            entry["statutory_range"] = {
                "type": "imprisonment",
                "min_months": int(rows["statutory_min_months"][where, e, a].min()),
                "max_months": int(rows["statutory_max_months"][where, e, a].max()),
                "life": bool(rows["life_imprisonment_possible"][where, e, a].any())}
            entry["reachable_range"] = {
                "min_months": int(rows["reachable_min_months"][where, e, a].min()),
                "max_months": int(rows["reachable_max_months"][where, e, a].max()),
                "exceptional_min_months": int(
                    rows["exceptional_min_months"][where, e, a].min())}
            entry["range_because"] = range_reasons(article, o, s, flat)
            if str(entry["confidence"] or "").startswith("L"):  # said beside the sanction
                entry["range_because"].insert(1, reason("range.sanction_unverified",
                                                        cite=cite(article)))
            lead = ([reason("qualification.possible", cite=cite(article),
                            article=citation(cite(article)))]
                    if status == "possible" and col.any() else [])
            elements = element_reasons(article, o, s, flat, met=True)
            if alt.any():
                entry["alternative"] = True
                lead.append(reason("qualification.alternative", cite=cite(article),
                                   article=citation(cite(article))))
                if alt[s]:  # the precedence that makes it an alternative, said beside
                    elements += element_reasons(article, o, s, flat, met=False)
            entry["because"] = lead + elements + entry["range_because"]
        else:
            entry["statutory_range"] = None
            entry["reachable_range"] = None
            entry["because"] = element_reasons(article, o, 0, flat, met=False)
        found.append(entry)
    return found


def _status_of(applies: NDArray[np.bool_], alternative: NDArray[np.bool_]) -> str:
    """Applies in every scenario, in none (and is no alternative the court may choose), or
    possible."""
    if applies.all():
        return "applies"
    return "excluded" if not (applies.any() or alternative.any()) else "possible"


def _shown(o: Outputs, skip: Set[int]) -> list[int]:
    """The charges (flat (episode, article) indices, in order) worth an entry, outside the
    episodes ``skip``: those that apply, or are an alternative, in some scenario; every part of
    art. 172; and a near miss the reader should see ruled out, an excluded part whose
    distinguishing element holds in the first scenario (:data:`_SPECIFIC`). Found for every
    charge at once: most of the parts are none of these."""
    applies, alternative = o.charge["applies"], o.charge["alternative"]
    unmet = o.charge["unmet_elements"].reshape(len(applies), -1)[0]
    shown = (applies.any(axis=0) | alternative.any(axis=0)).reshape(-1) | (
        (np.tile(_SPECIFIC, applies.shape[1]) & unmet) == 0)
    return [int(flat) for flat in np.flatnonzero(shown)
            if flat // len(ARTICLES) not in skip]


def _specific_bit(article: Article) -> int:
    """The bit of a part's distinguishing element (its first after age and jurisdiction) in
    ``unmet_elements``; none (0: always met) for art. 172, whose parts are always shown."""
    if article == Article.art_172:
        return 0
    specific = [el for el in ELEMENTS[article] if el.code not in ("jurisdiction", "of_age")]
    return element_bit(article, specific[0].code)


#: :func:`_specific_bit` of each part, in the order of ``ARTICLES``.
_SPECIFIC = np.array([_specific_bit(a) for a in ARTICLES], dtype=np.int64)


def _options(o: Outputs, principal: NDArray[np.intp], rep: int) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for option in OPTIONS:
        values = o.case[option]
        because = option_reasons(option, o, rep, int(principal[rep]))
        if option != "release_from_liability" and o.case["release_from_liability_mandatory"][rep]:
            because = [reason("option.released_by_note",
                              cite=CITES["case_release_from_liability_mandatory"])]
        entry: dict[str, Any] = {"status": _status(values, STATUS), "because": because}
        conflict = option_conflict(option, o, rep, int(principal[rep]))
        if conflict:
            entry["status"] = "possible"
            entry["conflict"] = conflict["codes"]
            entry["conflict_because"] = conflict["conflict_because"]
            entry["because"].append(conflict["because"])
        if option == "release_from_liability":
            grounds = int(o.at("release_from_liability_grounds", rep, int(principal[rep])))
            fired = RELEASE.effective_codes(grounds)
            entry["grounds"] = [citation(e.cite) for e in fired]
            entry["mandatory"] = _status(o.case["release_from_liability_mandatory"]
                                         .astype(int), ["no", "yes"])
        if option == "deferral_of_sentence":  # art. 74(1): one year, or five for a parent
            entry.update(_deferral(o, principal, rep, entry["because"]))
        options[option] = entry
    return options


def _deferral(o: Outputs, principal: NDArray[np.intp], rep: int,
              because: list[Word]) -> dict[str, Any]:
    """Art. 74's longest deferral, whether the court must grant it (``mandatory``, as for
    release), and, where unknown facts leave it open, the reasons of each
    outcome they can lead to (the one scenario's reasons alone would say the person is not
    among art. 74's persons when that is only unknown), each said under the outcome it leads
    to (``when``): side by side they are alternatives, not one finding."""
    values = o.case["deferral_of_sentence"]
    longest = o.charge["deferral_max_months"].reshape(len(values), -1)[
        np.arange(len(values)), principal]
    if _varies(values) and not o.case["release_from_liability_mandatory"][rep]:
        because = [reason("option.deferral_of_sentence.unknown", cite=RULES[
            "deferral_of_sentence"].cite)]
        for v in np.unique(values):
            s = int(np.flatnonzero(values == v)[0])
            for why in option_reasons("deferral_of_sentence", o, s, int(principal[s])):
                why = {**why, "when": enum_label("option_status", STATUS[int(v)])}
                if why not in because and why["$reason"] != "option.deferral_of_sentence.default":
                    because.append(why)
    mandatory = o.charge["deferral_of_sentence_mandatory"].reshape(len(values), -1)[
        np.arange(len(values)), principal]
    return {"because": because, "max_months": int(longest.max()) or None,
            "mandatory": _status(mandatory.astype(int), ["no", "yes"])}


def _depends_on(sc: Completions, o: Outputs, principal: NDArray[np.intp]) -> list[dict[str, Any]]:
    if not sc.slots or len(sc.choice) < 2:
        return []
    s = len(sc.choice)
    outcomes: dict[str, NDArray[Any]] = {}
    # Per part: 0 excluded, 1 applies, 2 an alternative the court may choose (never both).
    applies, alternative = (o.charge[k].reshape(s, -1) for k in ("applies", "alternative"))
    varies = ((applies != applies[:1]) | (alternative != alternative[:1])).any(axis=0)
    for flat in np.flatnonzero(varies):
        e, a = divmod(int(flat), len(ARTICLES))
        outcomes[f"qualifications.{e}.{cite(ARTICLES[a])}"] = (
            applies[:, flat] + 2 * alternative[:, flat])
    for option in OPTIONS:
        outcomes[f"options.{option}"] = o.case[option]
    reach = o.charge["reachable_max_months"].reshape(s, -1)[np.arange(s), principal]
    outcomes["reachable_range"] = np.where(o.case["applicable_charges"] > 0, reach, -1)
    parole = o.charge["parole_fraction"].reshape(s, -1)[np.arange(s), principal]
    outcomes["parole_after_fraction"] = np.where(o.case["applicable_charges"] > 0, parole, -1)
    outcomes["parole_condition"] = o.charge["parole_on_active_help"].reshape(s, -1)[
        np.arange(s), principal]
    varying = {key: values for key, values in outcomes.items() if _varies(values)}
    changes: dict[int, list[str]] = defaultdict(list)
    for key, slots in zip(varying, deciding_slots_each([len(slot.domain) for slot in sc.slots],
                                                       list(varying.values())), strict=True):
        for j in slots:
            changes[j].append(key)
    return [{"fact": sc.slots[j].source, "changes": keys}
            for j, keys in sorted(changes.items())]


def _varies(values: NDArray[Any]) -> bool:
    """Whether ``values`` hold two different values (NaN equal to NaN, as ``np.unique`` counts
    them): a comparison with the first, without sorting them."""
    differ = values != values[:1]
    if values.dtype.kind == "f":
        differ &= ~(np.isnan(values) & np.isnan(values[:1]))
    return bool(differ.any())


def _say_what_keeps_options_open(result: dict[str, Any]) -> None:
    """An option an unknown fact leaves possible says which facts keep it open, beside the
    rule's own reasons, so that its row explains its status (the rule's citation is read from
    the law)."""
    for option, entry in result["options"].items():
        if entry["status"] != "possible":
            continue
        facts = [d["fact"] for d in result["depends_on"]
                 if f"options.{option}" in d["changes"]]
        if not facts:
            continue
        rule = CITES.get(option) or CITES[f"case_{option}"]
        entry["because"].append(reason(
            "option.open_question", cite=rule, article=citation(rule.split(", ")[0]),
            facts=joined("; ", [fact(f) for f in facts])))


def _left_open(result: dict[str, Any], o: Outputs, system: TaxBenefitSystem, sc: Completions
               ) -> None:
    """Past the budget: what a fact left open could change is possible, not what the
    combinations run happened to give; which parts apply comes from each episode's own run
    where that fitted (see :mod:`.completions`)."""
    facts = joined("; ", [fact(f) for f in dict.fromkeys(s.source for s in sc.open)])
    inexact = sc.inexact_episodes()
    found = list(result["qualifications"])
    liable: NDArray[np.bool_] = np.asarray(o.charge["applies"].any(axis=2))  # (scen., episodes)
    always = [bool(liable[:, e].all()) for e in range(liable.shape[1])]
    never = [bool(not liable[:, e].any()) for e in range(liable.shape[1])]
    witnesses: dict[int, Outputs | None] = {}  # per Reach (shared by equal episodes)
    reached: dict[int, list[dict[str, Any]]] = {}  # and their entries, said once
    for e in sorted(inexact):
        alone = sc.liability[e] if e < len(sc.liability) else None
        if alone is None:
            reach = sc.reach.get(e)
            if reach is not None and id(reach) not in witnesses:
                witnesses[id(reach)] = _witnesses(system, reach)
            some = witnesses.get(id(reach))
            always[e], never[e] = False, some is not None and not len(some.case["return_date"])
            if some is not None and len(some.case["return_date"]):
                if id(reach) not in reached:
                    reached[id(reach)] = _reachable(some, system, e)
                # an equal episode's entries are the same but for its number (their reasons
                # shared, as a result is read and never changed once found)
                found.extend({**entry, "episode": e} for entry in reached[id(reach)])
            continue
        applies, some = _alone(system, alone)
        found.extend(_qualifications(some, system, episode=e, everywhere=applies))
        one = applies.any(axis=(1, 2))
        always[e], never[e] = bool(one.all()), bool(not one.any())
    order = {cite(a): i for i, a in enumerate(ARTICLES)}
    result["qualifications"] = sorted(found, key=lambda q: (q["episode"], order[q["citation"]]))
    # Liable whatever the facts if one episode is; free of liability if no episode can be.
    result["criminal_liability"] = "applies" if any(always) else (
        "excluded" if all(never) else "possible")
    for entry in result["options"].values():
        entry["status"] = "possible"
        entry["because"].append(reason("option.left_open", facts=facts))
    if result["cumulative"]:
        result["cumulative"]["applies"] = "possible"


def _alone(system: TaxBenefitSystem, alone: Completions) -> tuple[NDArray[np.bool_], Outputs]:
    """Which parts apply in each scenario of an episode run alone, and the outputs of the
    first scenario and of one where each part applies; taken from the first variant's run where
    ``system`` leaves the rules alone (:func:`qaitu.law.engine.same_rules`)."""
    first = alone.first_alone
    if first is not None and same_rules(first[0], system).issuperset(QUALIFIED):
        applies, reps = first[1], first[2]
        return applies, Outputs.read(taken_from(first[3], run(system, *alone.rows(reps),
                                                             like=first[3])))
    applies = qualified(system, alone.case, alone.episodes, only_applies=True)["applies"]
    reps = np.unique(np.concatenate([[0], applies.argmax(axis=0).reshape(-1)]))
    r = run(system, *alone.rows(reps))
    alone.first_alone = alone.first_alone or (system, applies, reps, r)
    return applies, Outputs.read(r)


def _witnesses(system: TaxBenefitSystem, reach: Reach) -> Outputs | None:
    """For an episode too large to run whole (:class:`.completions.Reach`): one completion of
    its facts for each part some completion makes apply (or an alternative), run as a case of
    that episode alone; none where no part can. None where a group of elements ran past its
    budget and left a part undecided."""
    unmet = _unmet_by_grid(system, reach.grids)
    chosen: list[list[tuple[int, int]]] = []
    for a, groups in enumerate(reach.parts):
        rows = []
        for g, mask in groups:
            holds = np.flatnonzero((unmet[g][:, a] & mask) == 0)
            if not len(holds):
                if not reach.grids[g].exhaustive:
                    return None
                break
            rows.append((g, int(holds[0])))
        else:
            chosen.append(rows)
    base = reach.grids[0]  # every fact no group of a part decides: any value of its class
    case = {k: np.repeat(v[:1], len(chosen)) for k, v in base.case.items()}
    episode = {k: np.repeat(v[:1], len(chosen)) for k, v in base.episodes[0].items()}
    for w, rows in enumerate(chosen):
        for g, s in rows:  # groups of one part share no unknown fact: their values combine
            grid = reach.grids[g]
            for slot in grid.slots:
                if slot.name in ("birth_date", "act_date", "judgment_date"):  # and the ages
                    case["age_at_judgment"][w] = grid.case["age_at_judgment"][s]
                    episode["age_at_act"][w] = grid.episodes[0]["age_at_act"][s]
                if slot.name != "birth_date":
                    target, source = ((case, grid.case) if slot.episode is None
                                      else (episode, grid.episodes[0]))
                    target[slot.name][w] = source[slot.name][s]
    if not chosen:
        return Outputs({}, {"return_date": case["return_date"]})
    return Outputs.read(run(system, case, [episode]))


def _unmet_by_grid(system: TaxBenefitSystem, grids: list[Completions]
                   ) -> list[NDArray[Any]]:
    """Per grid of a :class:`.completions.Reach` (an episode alone), the elements each of its
    completions leaves unmet, by part: :func:`~qaitu.law.cohort.qualified` run on the grids
    laid end to end, in groups of at most the largest grid's completions. A run's fixed cost
    (some milliseconds) is paid once per group, not once per grid (a reach has some twenty,
    most of a few completions), and no run is larger than the largest grid's; each
    completion's parts depend on its own facts alone, so the values are the same."""
    most = max(len(g.choice) for g in grids)
    groups: list[list[Completions]] = []
    for g in grids:
        if groups and sum(len(h.choice) for h in groups[-1]) + len(g.choice) <= most:
            groups[-1].append(g)
        else:
            groups.append([g])
    unmet: list[NDArray[Any]] = []
    for group in groups:
        case = {k: np.concatenate([g.case[k] for g in group]) for k in group[0].case}
        episode = {k: np.concatenate([g.episodes[0][k] for g in group])
                   for k in group[0].episodes[0]}
        found = qualified(system, case, [episode])["unmet_elements"][:, 0, :]
        unmet.extend(np.split(found, np.cumsum([len(g.choice) for g in group])[:-1]))
    return unmet


def _reachable(some: Outputs, system: TaxBenefitSystem, e: int) -> list[dict[str, Any]]:
    """The parts of episode ``e`` that some completion makes apply, as possible, from the
    completions ``some`` (:func:`_witnesses`): their ranges are those of these completions
    only, and say so."""
    applies = some.charge["applies"]  # and, not shown to be impossible, a completion where
    # no part applies: so a part is never said to apply in every completion here
    everywhere = np.concatenate([applies, np.zeros_like(applies[:1])])
    found = _qualifications(some, system, episode=e, everywhere=everywhere)
    for entry in found:
        if entry["status"] == "possible":
            entry["because"].insert(0, reason("qualification.reached", cite=entry["citation"],
                                              article=citation(entry["citation"])))
    return found


def variant_result(system: TaxBenefitSystem, sc: Completions,
                   sentence: SentenceFacts | None = None, takes_effect: Any = None
                   ) -> dict[str, Any]:
    """Run the rules of ``system`` over the scenarios and find the outcome, in no language
    (:mod:`.findings`); with the
    sentence passed (``sentence``), the dates the law sets for it (``takes_effect``: the day a
    variant takes effect, for art. 6(2))."""
    r = run_applicable(system, sc.case, sc.episodes, sc.first_run)
    sc.first_run = sc.first_run or r
    o = Outputs.read(r)
    principal = o.principal()
    liable = o.case["applicable_charges"] > 0
    rep = int(np.flatnonzero(liable)[0]) if liable.any() else 0
    parole, parole_because = parole_reasons(o, int(principal[rep]), rep) if liable.any() else (
        None, [])
    limitation_years = whole_years(o.at("limitation_years", rep, principal[rep]))
    minor = bool(o.at("minor_at_act", rep, principal[rep]))
    result: dict[str, Any] = {
        "criminal_liability": "applies" if liable.all() else (
            "excluded" if not liable.any() else "possible"),
        "qualifications": _qualifications(o, system, sc.inexact_episodes()),
        "options": _options(o, principal, rep),
        "parole_after_fraction": parole,
        "parole_condition": _code(conditions(o, "parole_condition")[rep])
        if liable.any() else None,
        "parole_because": parole_because,
        "limitation": {
            "applies": limitation_years > 0,
            "years": limitation_years or None,
            "because": [reason("limitation.minor_years" if minor else "limitation.years",
                               cite=CITES["limitation_years"], years=limitation_years)
                        if limitation_years else reason("limitation.none",
                                                        cite=CITES["limitation_excluded"])]},
        "cumulative": cumulative(o),
        "depends_on": _depends_on(sc, o, principal),
        "scenarios": {"count": len(sc.choice), "exhaustive": sc.exhaustive,
                      "open": list(dict.fromkeys(s.source for s in sc.open))},
        "trace": trace(o, system, rep, str(sc.case["judgment_date"][0]))
        if liable.any() else [],
        "amendments": amendments(system, o, rep, int(principal[rep]),
                                  str(sc.case["judgment_date"][0])),
    }
    _say_what_keeps_options_open(result)
    if not sc.exhaustive:
        _left_open(result, o, system, sc)
    if sentence is not None:  # only a case with a sentence has the block (the contract's rule)
        closed = closed_reasons(o, rep, int(principal[rep]), parole_because)
        result["sentence"] = sentence_block(sentence_dates(sentence, sentence_law(
            o, system, principal, sc.case["judgment_date"].astype("datetime64[D]"),
            sentence.type, takes_effect)), sc, liable, closed,
            {date: conditions(o, key) for date, key in CONDITION_OF.items()},
            condition_met(o, rep))
    return result


def _code(condition: Exception_ | None) -> str | None:
    """The code of the condition a measure is open on (``active_help``), or None."""
    return condition.code if condition is not None else None
