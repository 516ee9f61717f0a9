"""The guided interview over qaitu.case/1: questions, when each matters, and turning answers
into a case document validated by the core's own parser (one validation for form, upload, API).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from openfisca_core.indexed_enums import Enum

from qaitu.assessment.casefile import (
    CaseError,
    Problem,
    flatten,
    parse_mapping,
    problem_message,
    unflatten,
)
from qaitu.law.variables.facts import NOT_TAKING_PART, cites_of, read_as_default
from qaitu.web.labels import ENUMS, cited, fact_question, language

Doc = dict[str, Any]


@dataclass(frozen=True)
class Question:
    path: str  # dotted qaitu.case/1 path; "episodes.#." is replaced by the episode number
    #: The question's words; ``%(provision)s`` in them stands for the provisions that name the
    #: fact asked for, read from the law (:func:`qaitu.law.variables.facts.cites_of`).
    words: Any
    kind: str  # choice | bool | date | int | text | countries | country | multi | lines
    enum: str = ""
    help: Any = ""
    when: Callable[[Doc, int], bool] = field(default=lambda doc, i: True)
    core: bool = False  # always asked, whatever the engine says
    unknown: bool = True  # may be answered "unknown"

    def at(self, episode: int) -> str:
        return self.path.replace("#", str(episode))

    @property
    def left_out(self) -> Any:
        """What qaitu.case/1 reads when the fact is left out, as the case file writes it: None
        (unknown, most facts), or the law's default for it (:func:`read_as_default`: the art.
        170(2) facts read as "no", so that older files keep their meaning); an answer of
        "unknown" to such a question is then written out."""
        fact = read_as_default(self.path)
        if fact is None:
            return None
        if isinstance(fact.default, Enum):
            return fact.default.name
        if self.enum == "evidence":  # read as established or not (qaitu.law.inputs._evidence)
            return "established" if fact.default else "none"
        return fact.default

    @property
    def label(self) -> Any:
        """The question as the reader sees it: its words, citing the law's provisions for the
        fact in the reader's citation style (``п. 4 ч. 1 ст. 53``) where they say where."""
        cites = cites_of(self.path)
        return cited(self.words, cites) if cites else self.words


def value_at(doc: Doc, path: str) -> Any:
    """The value at a dotted fact path (``episodes.0.role``), or None where any step is missing."""
    node: Any = doc
    for part in path.split("."):
        if isinstance(node, list):
            node = node[int(part)] if part.isdigit() and int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def _ep(doc: Doc, i: int, path: str) -> Any:
    return value_at(doc, f"episodes.{i}.{path}")


def _not(value: Any, *excluded: Any) -> bool:
    return value not in excluded


#: Roles whose acts art. 170(1)-(2) covers (recruiting, training, financing), or a role not given.
_RECRUITING = (None, "recruiter", "trainer", "financier")
_PROPAGANDA = (None, "propagandist")

STEPS = ["person", "episode", "return", "proceedings", "circumstances", "legal", "review"]
STEP_TITLES = {
    "person": _("Person"), "episode": _("Episode abroad"), "return": _("Return"),
    "proceedings": _("Proceedings"), "circumstances": _("Circumstances"),
    "legal": _("Questions of law"), "review": _("Review and save"),
}

QUESTIONS: dict[str, list[Question]] = {
    "person": [
        Question("person.birth_date", _("Date of birth"), "date", core=True),
        Question("person.sex", _("Sex"), "choice", "sex"),
        Question("person.citizenship", _("Citizenships at the time of the act"), "countries",
                 help=_("ISO country codes separated by commas, e.g. KZ or KZ, RU"), core=True),
        Question("person.stateless_resident_of_kz", _("Stateless person resident in Kazakhstan"),
                 "bool", when=lambda d, i: "KZ" not in (value_at(d, "person.citizenship") or [])),
        Question("person.acquired_citizenship.0.country",
                 _("Foreign citizenship acquired during or after the episode (country)"),
                 "country", help=_("Leave empty if none")),
        Question("person.acquired_citizenship.0.date", _("Date that citizenship was acquired"),
                 "date",
                 when=lambda d, i: bool(value_at(d, "person.acquired_citizenship.0.country"))),
        Question("person.recidivism", _("Recidivism"), "choice", "recidivism"),
        Question("person.pregnant", _("Pregnant"), "bool",
                 when=lambda d, i: _not(value_at(d, "person.sex"), "male")),
        Question("person.children_under_3", _("Has children under 3"), "bool"),
        Question("person.has_young_children", _("Has young children (%(provision)s)"), "bool"),
        Question("person.raises_children_alone", fact_question("raises_children_alone"), "bool",
                 when=lambda d, i: _not(value_at(d, "person.sex"), "female")),
        Question("person.previous_convictions", fact_question("previous_convictions"), "choice",
                 "previous_convictions"),
        Question("person.disability_group", _("Disability group"), "choice", "disability"),
        Question("person.raises_child_with_disability",
                 _("Raises a child with a disability (%(provision)s)"), "bool"),
    ],
    "episode": [
        Question("episodes.#.country", _("Country where the hostilities took place"), "country",
                 core=True),
        Question("episodes.#.start", _("Start of the stay"), "date"),
        Question("episodes.#.end", _("End of the stay"), "date"),
        Question("episodes.#.formation.kind", _("Kind of formation"), "choice", "formation_kind",
                 core=True),
        Question("episodes.#.formation.name", _("Name of the formation"), "text",
                 when=lambda d, i: _not(_ep(d, i, "formation.kind"), "none")),
        Question("episodes.#.formation.state", _("State the formation belongs to or fights for"),
                 "country", when=lambda d, i: _not(_ep(d, i, "formation.kind"), "none")),
        Question("episodes.#.formation.recognized_terrorist_in_kz",
                 _("Recognised as terrorist in Kazakhstan"), "bool",
                 when=lambda d, i: _not(_ep(d, i, "formation.kind"), "state_armed_forces",
                                        "none")),
        Question("episodes.#.formation.recognized_extremist_in_kz",
                 fact_question("recognized_extremist_in_kz"), "bool", unknown=False,
                 when=lambda d, i: _not(_ep(d, i, "formation.kind"), "state_armed_forces",
                                        "none")),
        Question("episodes.#.member_of_formation",
                 _("Formal member of the formation (oath, contract, bay'ah)"), "bool",
                 when=lambda d, i: _not(_ep(d, i, "formation.kind"), "none")),
        Question("episodes.#.role", _("Role"), "choice", "role"),
        Question("episodes.#.recruitment", _("How the person was recruited"), "choice",
                 "recruitment"),
        Question("episodes.#.material_reward",
                 _("Acted for material reward or other personal gain, paid or promised"), "bool"),
        Question("episodes.#.specially_recruited",
                 _("Recruited specially for this conflict (%(provision)s)"), "bool"),
        Question("episodes.#.war_crimes", _("War crimes"), "choice", "evidence"),
        Question("episodes.#.war_crime_kind", _("Which war crime"), "choice", "war_crime_kind",
                 when=lambda d, i: _not(_ep(d, i, "war_crimes"), "none", None)),
        Question("episodes.#.deaths_caused", _("Deaths or other grave consequences"), "bool"),
        Question("episodes.#.terrorist_training", _("Underwent terrorist training (%(provision)s)"),
                 "bool"),
        Question("episodes.#.terrorist_act", _("Act of terrorism (%(provision)s)"), "choice",
                 "evidence"),
        # asked of every episode: 255(4) needs no act of part 1
        Question("episodes.#.terrorist_act_circumstance",
                 _("Circumstance of the act of terrorism, or an attack on a person's life "
                   "(%(provision)s)"), "choice", "terrorist_act_circumstance"),
        Question("episodes.#.created_training_base",
                 _("Created a base or camp to train mercenaries (%(provision)s)"), "bool",
                 unknown=False),
        Question("episodes.#.used_official_position",
                 _("Acts using his official position (%(provision)s)"), "bool",
                 when=lambda d, i: _ep(d, i, "role") in _RECRUITING),
        Question("episodes.#.in_respect_of_minor", _("Acts in respect of a minor (%(provision)s)"),
                 "bool", when=lambda d, i: _ep(d, i, "role") in _RECRUITING),
        Question("episodes.#.recruited_for_reward", fact_question("recruited_for_reward"),
                 "bool", when=lambda d, i: _ep(d, i, "role") in _RECRUITING),
        Question("episodes.#.propaganda_channel", fact_question("propaganda_channel"), "choice",
                 "propaganda_channel", when=lambda d, i: _ep(d, i, "role") in _PROPAGANDA),
        Question("episodes.#.by_group", fact_question("by_group"), "bool",
                 when=lambda d, i: _ep(d, i, "role") in _PROPAGANDA),
        Question("episodes.#.leader_of_public_association",
                 fact_question("leader_of_public_association"), "bool",
                 when=lambda d, i: _ep(d, i, "role") in _PROPAGANDA
                 or _ep(d, i, "formation.kind") == "terrorist_organization"),
        Question("episodes.#.complicity", fact_question("complicity"), "choice", "complicity",
                 when=lambda d, i: _ep(d, i, "member_of_formation") is not True
                 and _ep(d, i, "role") in (None, "none", *NOT_TAKING_PART)),
        Question("episodes.#.completion", _("Completed crime, attempt or preparation"), "choice",
                 "completion"),
        Question("episodes.#.exit", _("How the person left"), "choice", "exit_kind"),
        Question("episodes.#.weapons_surrendered", _("Handed over weapons and equipment"),
                 "bool", when=lambda d, i: _not(_ep(d, i, "formation.kind"), "none")),
    ],
    "return": [
        Question("return.status", _("Return status"), "choice", "return_status", core=True),
        Question("return.date", _("Date of return"), "date",
                 when=lambda d, i: _not(value_at(d, "return.status"), "abroad")),
        Question("return.mode", _("How the person returned"), "choice", "return_mode",
                 when=lambda d, i: _not(value_at(d, "return.status"), "abroad")),
        Question("return.self_reported", _("Came to the authorities (self-report)"), "bool"),
        Question("return.cooperation", _("Cooperation with the investigation"), "choice",
                 "cooperation"),
    ],
    "proceedings": [
        Question("proceedings.stage", _("Stage of proceedings"), "choice", "stage", core=True),
        Question("proceedings.plea_agreement", _("Procedural agreement"), "choice",
                 "plea_agreement"),
        Question("proceedings.plea_agreement_fulfilled", _("Agreement fulfilled"), "bool",
                 when=lambda d, i: _not(value_at(d, "proceedings.plea_agreement"), "none")),
        Question("proceedings.accelerated_investigation", _("Accelerated pre-trial investigation"),
                 "bool"),
        Question("proceedings.pretrial_detention_days", _("Days in pre-trial detention"), "int"),
        Question("proceedings.damage_repaired", _("Damage repaired"), "bool"),
        Question("proceedings.sentence.type", _("Sentence type"), "choice", "sentence_type",
                 when=lambda d, i: value_at(d, "proceedings.stage") in ("sentenced", "serving",
                                                                    "released")),
        Question("proceedings.sentence.months", _("Sentence, months"), "int",
                 when=lambda d, i: value_at(d, "proceedings.stage") in ("sentenced", "serving",
                                                                    "released")
                 and value_at(d, "proceedings.sentence.type") != "life_imprisonment"),
        Question("proceedings.sentence.start", _("Sentence start"), "date",
                 when=lambda d, i: value_at(d, "proceedings.stage") in ("sentenced", "serving",
                                                                    "released")),
        Question("proceedings.sentence.probation_months",
                 _("Probation control period set by the court, months (%(provision)s)"), "int",
                 when=lambda d, i: value_at(d, "proceedings.sentence.type") == "conditional"),
        Question("proceedings.sentence.replaced_imprisonment",
                 _("This restriction of freedom replaced imprisonment (%(provision)s)"), "bool",
                 when=lambda d, i: value_at(d, "proceedings.sentence.type")
                 == "restriction_of_freedom"),
        Question("proceedings.sentence.earlier_life_parole",
                 _("Earlier released on parole from life imprisonment (%(provision)s)"), "bool",
                 when=lambda d, i: value_at(d, "proceedings.sentence.type")
                 in ("imprisonment", "life_imprisonment")),
        Question("proceedings.sentence.new_crime_serving_life",
                 _("While serving this life sentence, committed a new grave or especially "
                   "grave crime (%(provision)s)"), "bool",
                 when=lambda d, i: value_at(d, "proceedings.sentence.type")
                 == "life_imprisonment"),
        Question("proceedings.sentence.deferral_months",
                 _("Serving of the sentence deferred, months (%(provision)s)"), "int",
                 when=lambda d, i: value_at(d, "proceedings.sentence.type") == "imprisonment"),
    ],
    "circumstances": [
        Question("circumstances.mitigating", _("Mitigating circumstances (%(provision)s)"), "multi",
                 "mitigating", unknown=False),
        Question("circumstances.mitigating_other",
                 _("Other mitigating circumstances (%(provision)s), one per line"), "lines",
                 unknown=False),
        Question("circumstances.aggravating", _("Aggravating circumstances (%(provision)s)"),
                 "multi", "aggravating", unknown=False),
    ],
    "legal": [
        Question("legal_questions.pmc_is_party_armed_forces",
                 _("Is service in this state-affiliated PMC membership of a party's armed forces "
                   "(%(provision)s)?"), "bool",
                 help=_("A question of law for the court; leave unknown until decided."),
                 when=lambda d, i: any(_not((e.get("formation") or {}).get("kind"),
                                            "state_armed_forces", "none",
                                            "terrorist_organization", "non_state_armed_group")
                                       for e in d.get("episodes") or [{}])),
        Question("legal_questions.formation_is_illegal_paramilitary",
                 _("Is the non-state formation an illegal paramilitary formation "
                   "(%(provision)s)?"), "bool",
                 help=_("A question of law for the court; leave unknown until decided."),
                 when=lambda d, i: any(_not((e.get("formation") or {}).get("kind"),
                                            "state_armed_forces", "state_affiliated_pmc", "none",
                                            "terrorist_organization")
                                       for e in d.get("episodes") or [{}])),
    ],
    "review": [
        Question("case_id", _("Case number (optional)"), "text", unknown=False),
        Question("as_of", _("Date of judgment / assessment"), "date",
                 help=_("Leave empty for today")),
    ],
}

STEP_OF_PATH = {q.path.split(".")[0]: step for step, qs in QUESTIONS.items() for q in qs}
STEP_OF_PATH["legal_questions"] = "legal"
STEP_OF_PATH["episodes"] = "episode"


def step_of(path: str) -> str:
    return STEP_OF_PATH.get(path.split(".")[0], "review")


def _coerce(q: Question, raw: Any) -> Any:
    """A form answer as a case-file value; '' and 'unknown' mean unknown (left out)."""
    if q.kind == "multi":
        return [v for v in (raw or []) if v] if isinstance(raw, list) else []
    if q.kind == "lines":
        return [ln.strip() for ln in str(raw or "").splitlines() if ln.strip()]
    if raw == "unknown" and q.left_out is not None:
        return "unknown"
    if raw is None or raw == "" or raw == "unknown":
        return None
    raw = str(raw).strip()
    if q.kind == "bool":
        return {"true": True, "false": False}.get(raw, raw)
    if q.kind == "int":
        return int(raw) if re.fullmatch(r"-?\d+", raw) else raw
    if q.kind == "countries":
        return [c for c in re.split(r"[\s,;]+", raw.upper()) if c]
    if q.kind == "country":
        return raw.upper()
    return raw


def questions_for(step: str, episodes: int) -> list[tuple[Question, str]]:
    if step == "episode":
        return [(q, q.at(i)) for i in range(episodes) for q in QUESTIONS["episode"]]
    return [(q, q.path) for q in QUESTIONS.get(step, [])]


def all_questions(episodes: int) -> Iterable[tuple[Question, str]]:
    for step in STEPS:
        yield from questions_for(step, episodes)


def build_document(answers: dict[str, Any], episodes: int,
                   extra: dict[str, Any] | None = None) -> Doc:
    """The qaitu.case/1 document the answers describe (not yet validated); ``extra`` holds
    flattened facts no question covers."""
    flat: dict[str, Any] = {k: v for k, v in (extra or {}).items()
                            if not k.startswith("episodes.") or int(k.split(".")[1]) < episodes}
    for q, path in all_questions(episodes):
        if path not in answers:
            continue
        value = _coerce(q, answers[path])
        if value is None or value == []:
            continue
        if isinstance(value, list) and q.kind in ("countries", "multi", "lines"):
            for j, item in enumerate(value):
                flat[f"{path}.{j}"] = item
        else:
            flat[path] = value
    doc = unflatten(flat)
    doc["schema"] = "qaitu.case/1"
    if episodes and "episodes" not in doc:
        doc["episodes"] = [{} for _ in range(episodes)]
    elif "episodes" in doc:
        while len(doc["episodes"]) < episodes:
            doc["episodes"].append({})
    return doc


def validate(doc: Doc) -> list[Problem]:
    """Every problem of the document, each with its full field path."""
    try:
        parse_mapping(doc, "intake")
    except CaseError as exc:
        return exc.problems
    return []


def errors_by_field(problems: list[Problem], paths: Iterable[str]) -> dict[str, list[str]]:
    """Attach each problem to the question it concerns (a list item to its list question)."""
    known = sorted(paths, key=len, reverse=True)
    out: dict[str, list[str]] = {}
    for p in problems:
        target = next((k for k in known if p.path == k or p.path.startswith(k + ".")), "")
        out.setdefault(target, []).append(problem_message(p, language()))
    return out


def answers_from_document(doc: Doc) -> tuple[dict[str, Any], int, dict[str, Any]]:
    """Form answers for an existing case document (to edit a case or an uploaded file), the
    number of episodes, and the flattened facts that no question covers."""
    episodes = max(1, len(doc.get("episodes") or []))
    answers: dict[str, Any] = {}
    covered = [p for _q, p in all_questions(episodes)]
    extra = {k: v for k, v in flatten(doc).items()
             if k != "schema" and not any(k == c or k.startswith(c + ".") for c in covered)}
    for q, path in all_questions(episodes):
        value = value_at(doc, path)
        if value is None and (q.left_out is None or not value_at(doc, path.rsplit(".", 1)[0])):
            continue
        answers[path] = _answer(q, q.left_out if value is None else value)
    return answers, episodes, extra


def _answer(q: Question, value: Any) -> Any:
    """A case-file value as the form's answer."""
    if q.kind == "countries":
        return ", ".join(value)
    if q.kind == "lines":
        return "\n".join(value)
    if q.kind == "multi":
        return list(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def unanswered(q: Question) -> Any:
    """The answer a form shows for a question not yet answered: what a case file that leaves
    the fact out says (``left_out``: none, no), so that a form sent untouched writes the same
    as a file without the fact; otherwise nothing, which the form shows as "unknown"."""
    if q.kind == "multi":
        return []
    return "" if q.left_out is None else _answer(q, q.left_out)


def relevant(q: Question, path: str, doc: Doc, episode: int,
             matters: set[str] | None, answered: bool) -> bool:
    """Ask a question if it applies to these facts and (when the engine can tell) its answer
    could still change an outcome. A fact read as a value when left out (``left_out``: the
    recruiter's official position, the circumstance of terrorism) is known to the engine
    until answered, so it never tells: such a question is asked wherever it applies."""
    try:
        if not q.when(doc, episode):
            return False
    except (TypeError, ValueError, AttributeError, IndexError):
        return True
    if matters is None or answered or q.core or not q.unknown or q.left_out is not None:
        return True
    return any(path == m or path.startswith(m + ".") or m.startswith(path + ".")
               for m in matters)


def choices(q: Question) -> list[tuple[str, Any]]:
    if q.kind == "bool":
        return [("true", _("yes")), ("false", _("no"))]
    return list(ENUMS.get(q.enum, {}).items())
