"""Finding the actors of a text: people, states and organizations, with roles and aliases.

The steps live in their own modules, so each kind of error has one place to be fixed:
candidate names (`names`), roles and appositions (`roles`), the evidence gathered for each
name (`evidence`), kinds and the gazetteer (`kinds`, `gazetteer`), mentions and gender
(`coreference`); this module builds the cast from them.

1. Runs of capitalized words (outside quotations) are cut into candidate names: leading
   sentence words ("When", "The") are dropped, a title is split off ("U.S. President | Donald
   Trump"), and runs are split at "and"/"of" unless they form one organization name
   ("National Bank of Lusavia").
2. Evidence decides what a candidate is: a title or a role in an apposition ("Tatiana
   Stanovaya, a senior fellow at ..."; "Suriname's chief negotiator, Ivo Samsoedien"), a
   speech verb ("Holt said"), a known first name, an organization word ("... Union", "...
   Bank"), the built-in gazetteer ("Kyiv", "the Kremlin"), or an apposition naming a country.
3. Organizations named only inside someone's role ("chief economist at Orsa Bank") are not
   actors; capitals count for their state when used for its government ("talks between Moscow
   and Kyiv"), not as a mere location ("a senior fellow ... in Berlin").
4. Aliases: surnames used alone, acronyms ("NBL"), the first word of a company's name
   ("Corvane"), capitals and metonyms of states; a capital the gazetteer does not know is
   attached to the text's main state when the text uses it for a government ("the government
   in Corvel").
5. Every occurrence of every form is then found once, with what surrounds it (inside a
   quotation or a role, possessive, after a preposition), for attribution and subjects.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from . import gazetteer
from .cast import GROUP, ORGANIZATION, PERSON, STATE, ActorInfo, Cast, Mention, in_spans
from .coreference import infer_genders, mentions_of
from .evidence import Evidence, collect
from .kinds import (
    LowerCaseWords,
    coordinated,
    first_name_gender,
    is_demonym,
    kind_of,
    main_state,
    main_state_index,
    org_head,
    states_by_demonym,
)
from .lexicon import NAME_ADJECTIVES, words
from .names import ACRONYM, LOCATION_WORDS, TELL_WORDS, Candidate, candidates_of, word_before
from .roles import TITLE_NOUNS, head_noun
from .sentences import Document

__all__ = [
    "GROUP",
    "ORGANIZATION",
    "PERSON",
    "STATE",
    "ActorInfo",
    "Cast",
    "Mention",
    "find_actors",
]


# -- building the cast -----------------------------------------------------------------------


def find_actors(doc: Document) -> Cast:
    """Every actor of `doc`, with roles, aliases and mentions."""
    candidates = candidates_of(doc)
    evidence, role_spans = collect(doc, candidates)
    build = _Build(doc, candidates, evidence, role_spans, states_by_demonym(evidence))
    build.known_places()
    build.listed_with_states()
    singles, acronyms = build.named_actors()
    build.people_alone(singles)
    build.organization_short_forms(acronyms)
    build.unknown_states()
    build.states_of_organizations()
    build.place_aliases()
    build.actors.sort(key=lambda a: a.first)
    mentions = mentions_of(doc, build.actors, candidates, role_spans)
    cast = Cast(build.actors, mentions, role_spans, None)
    cast.main_state = main_state_index(cast)
    infer_genders(doc, cast)
    return cast


def _role_nouns(role: str | None) -> set[str]:
    """The nouns that stand for a person by their role ("the commissioner" for Competition
    Commissioner Irena Malt, "the economist" for a chief economist at a bank)."""
    if not role:
        return set()
    last = role.split()[-1].strip(",.;:").lower()
    if last in TITLE_NOUNS:
        return {last}
    _, head = head_noun(role)
    return {head} if head else set()


def _best_role(ev: Evidence) -> str | None:
    return max(ev.roles, key=lambda r: r[0])[1] if ev.roles else None


_BANK_OF = re.compile(r"(?:(?:National|Central|Reserve|State)\s+)?Bank\s+of\s+([A-Z][\w’'\-]+)")
#: Heads of public bodies, whose first word is where they are, not a short name.
_PUBLIC_BODIES = words("Authority Agency Service Services Commission Council Board Ministry Office")
_COMPANY_HEADS = words(
    "Resources Energy Corp Corporation Holdings Industries Technologies Capital Group Inc Ltd"
)


@dataclass
class _Build:
    """The cast under construction: actors, and which actor each form names."""

    doc: Document
    candidates: list[Candidate]
    evidence: dict[str, Evidence]
    role_spans: list[tuple[int, int]]
    #: One-word names that are states for what surrounds them: the text uses their demonym
    #: ("Tarvia" -> "Tarvian"), or lists them with a state (-> "").
    likely_states: dict[str, str]
    actors: list[ActorInfo] = field(default_factory=list)
    by_form: dict[str, int] = field(default_factory=dict)
    #: Forms the gazetteer knows, with the place and how the form names it.
    place_forms: dict[str, tuple[gazetteer.Place, str]] = field(default_factory=dict)

    def add(self, info: ActorInfo) -> int:
        for form in info.forms:
            if form in self.by_form:
                return self.by_form[form]
        self.actors.append(info)
        index = len(self.actors) - 1
        for form in info.forms:
            self.by_form.setdefault(form, index)
        return index

    def known_places(self) -> None:
        """States (by name, or by capital/metonym used for the government) and international
        organizations that the gazetteer knows."""
        masked, by_form = self.doc.masked, self.by_form
        for c in self.candidates:
            if c.kind != "place":
                continue
            found = gazetteer.lookup(c.text)
            if found is None:
                continue
            place, how = found
            self.place_forms[c.text] = (place, how)
            if in_spans(self.role_spans, c.start) or how == "demonym":
                continue
            word, the = word_before(masked[max(0, c.start - 30) : c.start])
            if how == "capital" and (word in LOCATION_WORDS or the):
                continue
            if word in TELL_WORDS and place.kind != STATE:
                continue
            ev = self.evidence[c.text]
            ev.first = min(ev.first, c.start)
            if place.name not in by_form:
                self.add(ActorInfo(place.name, place.kind, role=_best_role(ev), first=ev.first))
            else:
                owner = self.actors[by_form[place.name]]
                owner.first = min(owner.first, c.start)

    def named_actors(self) -> tuple[dict[str, Evidence], dict[str, Evidence]]:
        """People, organizations and states the gazetteer does not know; returns the
        one-word people and the acronyms, which may be forms of other actors."""
        lower_case = LowerCaseWords(self.doc.text)
        singles: dict[str, Evidence] = {}
        acronyms: dict[str, Evidence] = {}
        demonyms = set(self.likely_states.values())
        # "Sonja Brandauer, Veskair's spokeswoman, said ... Brandauer said": a surname alone
        # is the person's, whatever the words around it vote.
        surnames = {
            f.split()[-1]
            for f, e in self.evidence.items()
            if " " in f and e.kind_votes[PERSON] > e.kind_votes[ORGANIZATION] + e.kind_votes[GROUP]
        }
        # First and last words of longer names: maybe their short forms ("Brio", "the League").
        name_ends = {w for f in self.evidence if " " in f for w in (f.split()[0], f.split()[-1])}
        for form, ev in sorted(self.evidence.items(), key=lambda kv: kv[1].first):
            if form in self.place_forms or form in demonyms:
                continue
            if form in surnames and not ev.kind_votes[STATE]:
                singles[form] = ev
                continue
            if form in self.likely_states and not ev.kind_votes[PERSON]:
                continue  # a state (see `unknown_states`)
            words = form.split()
            kind = kind_of(form, ev, lower_case)
            if kind is None:
                continue
            if kind == PERSON and len(words) == 1:
                singles[form] = ev
                continue
            if len(words) == 1 and (
                ACRONYM.match(form) or (kind in {ORGANIZATION, GROUP} and form in name_ends)
            ):
                # May turn out to be a known organization's short form ("Brio" of Brio Mobile).
                acronyms[form] = ev
                continue
            if kind in {ORGANIZATION, GROUP} and ev.outside_roles == 0 and not ev.introduced:
                continue
            if kind == PERSON and ev.outside_roles == 0 and not ev.roles:
                continue  # named only inside someone else's role
            role = _best_role(ev)
            info = ActorInfo(form, kind, role=role, nouns=set(ev.nouns), first=ev.first)
            if kind == PERSON:
                info.gender = first_name_gender(words[0])
                info.nouns.update(_role_nouns(role))
            self.add(info)
        return singles, acronyms

    def people_alone(self, singles: dict[str, Evidence]) -> None:
        """Surnames used alone join the person; otherwise a lone speaker is a person."""
        actors, by_form = self.actors, self.by_form
        surname_owner: dict[str, list[int]] = {}
        for i, a in enumerate(actors):
            if a.kind == PERSON and len(a.name.split()) > 1:
                surname_owner.setdefault(a.name.split()[-1], []).append(i)
        org_short_forms = {
            f
            for a in actors
            if a.kind in {ORGANIZATION, GROUP} and " " in a.name
            for f in (a.name.split()[0], "".join(w[0] for w in a.name.split() if w[0].isupper()))
        }
        for form, ev in singles.items():
            owners = surname_owner.get(form, [])
            if len(owners) == 1:
                continue
            if form in by_form or (form in org_short_forms and not ev.kind_votes[PERSON]):
                continue
            role = _best_role(ev)
            self.add(ActorInfo(form, PERSON, role=role, first=ev.first))
        for surname, owners in surname_owner.items():
            if len(owners) == 1 and surname not in by_form and surname in self.evidence:
                owner = actors[owners[0]]
                owner.aliases.append(surname)
                by_form[surname] = owners[0]
                if owner.role is None:  # "Lars Berg said ... Berg, a hydrologist, said"
                    owner.role = _best_role(self.evidence[surname])
                    owner.nouns.update(_role_nouns(owner.role))

    def organization_short_forms(self, acronyms: dict[str, Evidence]) -> None:
        """Acronyms and first words used alone ("NBL", "Corvane") join their organization;
        other acronyms are organizations of their own."""
        by_form = self.by_form
        demonyms = set(self.likely_states.values())
        # A word in two names is a place, not the short form of either organization
        # ("Caldria" of the Caldria Health Service and Statistics Caldria).
        shared = Counter(w for form in self.evidence if " " in form for w in set(form.split()))
        for i, a in enumerate(list(self.actors)):
            if a.kind not in {ORGANIZATION, GROUP} or " " not in a.name:
                continue
            head = org_head(a.name)
            a.nouns.add(head.lower())
            if head in {"Party", "Union", "Alliance", "Front", "Movement"}:
                a.nouns.add("party")
            if head in _COMPANY_HEADS:
                a.nouns.add("company")
            initials = "".join(w[0] for w in a.name.split() if w[0].isupper() and w != "The")
            for form in (initials, a.name.split()[0]):
                short = self.evidence.get(form)
                if short is None or form in by_form or form in self.place_forms:
                    continue
                if (form == initials and len(initials) >= 2) or (
                    short.kind_votes[PERSON] == 0
                    and shared[form] < 2
                    and head not in _PUBLIC_BODIES  # "Quessland" of its Water Services Authority
                    and not self._located(form)  # "rents in Sellin": a place
                    and form not in gazetteer.BY_DEMONYM
                    and form not in demonyms  # "Brennan" of Brenna
                    and form not in NAME_ADJECTIVES
                    and not form.endswith(("ean", "ian", "ese", "ish", "ern"))
                    and not short.capital_hint
                    and not short.state_hint  # "Brenna’s mines minister": a state
                ):
                    a.aliases.append(form)
                    by_form[form] = i
            self._head_alone(i, head, shared)
        for form, ev in acronyms.items():
            if form not in by_form:
                self.add(ActorInfo(form, ORGANIZATION, first=ev.first))

    def unknown_states(self) -> None:
        """States the gazetteer does not know, and capitals used for the main one."""
        by_form, place_forms = self.by_form, self.place_forms
        for form, ev in sorted(self.evidence.items(), key=lambda kv: kv[1].first):
            if form in by_form or form in place_forms or " " in form:
                continue
            if ev.kind_votes[PERSON] == 0 and (
                ev.state_hint or ev.kind_votes[STATE] > 0 or form in self.likely_states
            ):
                self.add(ActorInfo(form, STATE, role=_best_role(ev), first=ev.first))
        if not any(a.kind == STATE for a in self.actors):
            self._state_of_institutions()
        main = main_state(self.actors, self.doc.text)
        for form, ev in self.evidence.items():
            if form in by_form or " " in form or not ev.capital_hint or main is None:
                continue
            if form in place_forms or ev.kind_votes[PERSON] > 0:
                continue
            self.actors[main].aliases.append(form)
            by_form[form] = main

    @functools.cached_property
    def _occurrences(self) -> dict[str, list[Candidate]]:
        """Each candidate text's occurrences, in text order."""
        found: dict[str, list[Candidate]] = {}
        for c in self.candidates:
            found.setdefault(c.text, []).append(c)
        return found

    def _head_alone(self, index: int, head: str, shared: Counter[str]) -> None:
        """ "the League" for the Farmers’ League: the head word, capitalized after "the", as a
        short form, when no other name has that word."""
        ev = self.evidence.get(head)
        if ev is None or head in self.by_form or shared[head] > 1 or ev.kind_votes[PERSON]:
            return
        masked = self.doc.masked
        if any(
            masked[max(0, c.start - 4) : c.start].lower() == "the "
            for c in self._occurrences.get(head, ())
        ):
            self.actors[index].aliases.append(head)
            self.by_form[head] = index

    def _located(self, form: str) -> bool:
        """Whether `form` alone mostly follows a word of place ("rents in Sellin"), not
        names a body ("a stake in Vireon", "Vireon raised its dividend")."""
        masked = self.doc.masked
        alone = self._occurrences.get(form, [])
        placed = sum(
            word_before(masked[max(0, c.start - 30) : c.start])[0] in LOCATION_WORDS
            and not masked.startswith(("’s", "'s"), c.end)  # "into Vireon's shops"
            for c in alone
        )
        return 2 * placed > len(alone)

    def _state_of_institutions(self) -> None:
        """With no state found, a word that is used alone and names two institutions
        ("Statistics Caldria", "the Caldria Health Service") is the text's state."""
        shared = Counter(w for form in self.evidence if " " in form for w in set(form.split()))
        cities = {w for form in self.evidence for w in re.findall(r"(\S+) City\b", form)}
        for form, ev in sorted(self.evidence.items(), key=lambda kv: kv[1].first):
            if (
                shared[form] >= 2
                and form not in cities  # "Havrenn City Council": a city
                and " " not in form
                and form not in self.by_form
                and ev.kind == "name"
                and ev.kind_votes[PERSON] == 0
                and ev.outside_roles > 0
                and not ACRONYM.match(form)
            ):
                self.add(ActorInfo(form, STATE, first=ev.first))
                return

    def listed_with_states(self) -> None:
        """One-word names listed with a state ("Varnia, Oskland and Lenmark") are states
        too, unless something says otherwise."""

        def state_like(form: str) -> bool:
            ev = self.evidence[form]
            place = self.place_forms.get(form)
            return (
                (place is not None and place[0].kind == STATE and place[1] == "name")
                or ev.state_hint
                or ev.kind_votes[STATE] > 0
                or form in self.likely_states
            )

        named = [c for c in self.candidates if c.kind != "skip"]
        for listed in coordinated(self.doc.masked, named):
            if not any(state_like(f) for f in listed):
                continue
            for form in listed:
                ev = self.evidence[form]
                if (
                    " " in form
                    or ev.kind != "name"
                    or form in self.place_forms
                    or form in gazetteer.SHARED_METONYMS
                ):
                    continue
                if not any(ev.kind_votes.values()):
                    self.likely_states.setdefault(form, "")

    def states_of_organizations(self) -> None:
        """The place an organization is "of" is a state when the text uses its demonym
        ("the Central Bank of Ostria" and "Ostrian inflation")."""
        places = {
            a.name.rsplit(" of ", 1)[1]: a.first
            for a in self.actors
            if a.kind == ORGANIZATION
            and " of " in a.name
            and " " not in a.name.rsplit(" of ", 1)[1]
        }
        states = states_by_demonym({*self.evidence, *places}).keys() & places.keys()
        # A central bank's place is a state when the text names it alone too ("the Bank of
        # Tarsenia ... Tarsenia should raise taxes").
        states |= {
            place
            for a in self.actors
            if (banked := _BANK_OF.fullmatch(a.name)) is not None
            and (place := banked.group(1)) in self.evidence
            and not self.evidence[place].kind_votes[PERSON]
        }
        for place in sorted(states):
            if place not in self.by_form:
                self.add(ActorInfo(place, STATE, first=places.get(place, 1 << 62)))

    def place_aliases(self) -> None:
        """Gazetteer forms (capitals, metonyms, short names, demonyms) join their state;
        demonyms of unknown states too ("Lusavian" for Lusavia)."""
        actors, by_form, text = self.actors, self.by_form, self.doc.text
        for form, (place, how) in self.place_forms.items():
            if place.name not in by_form:
                continue
            owner = by_form[place.name]
            if how == "demonym":
                if form not in actors[owner].demonyms:
                    actors[owner].demonyms.append(form)
                continue
            if form != place.name and form not in by_form:
                the_form = f"the {form}"
                alias = the_form if the_form in place.others and the_form in text else form
                actors[owner].aliases.append(alias)
                by_form[form] = owner
        self.shared_metonyms()
        for form in self.evidence:
            if form in by_form or " " in form:
                continue
            for a in actors:
                if a.kind == STATE and is_demonym(form, a.name):
                    a.demonyms.append(form)
                    break
        for a in actors:
            if a.kind == STATE:
                a.nouns.update({"country", "government"})

    def shared_metonyms(self) -> None:
        """ "Brussels" for the first of the institutions it may stand for that the text names,
        or, used for a government, an actor of its own."""
        masked, by_form = self.doc.masked, self.by_form
        for name, targets in gazetteer.SHARED_METONYMS.items():
            if name in by_form or name not in self.evidence:
                continue
            owner_index = next((by_form[t] for t in targets if t in by_form), None)
            if owner_index is None and any(
                c.text == name
                and not in_spans(self.role_spans, c.start)
                and word_before(masked[max(0, c.start - 30) : c.start])[0] not in LOCATION_WORDS
                for c in self.candidates
            ):
                owner_index = self.add(
                    ActorInfo(targets[0], ORGANIZATION, first=self.evidence[name].first)
                )
            if owner_index is not None:
                self.actors[owner_index].aliases.append(name)
                by_form[name] = owner_index
