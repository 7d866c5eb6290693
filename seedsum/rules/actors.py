"""Finding the actors of a text: people, states and organizations, with roles and aliases.

The steps live in their own modules, so each kind of error has one place to be fixed:
candidate names (`names`), roles and appositions (`roles`), the evidence gathered for each
name (`evidence`), kinds and the gazetteer (`kinds`, `gazetteer`), states and places
(`places`), mentions and gender (`coreference`); `cast_builder` holds the cast under
construction, and this module builds it from them: names, people and short forms.

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

import re

from . import gazetteer
from .cast import GROUP, ORGANIZATION, PERSON, STATE, ActorInfo, Cast, Mention
from .cast_builder import best_role
from .coreference import infer_genders, mentions_of
from .evidence import Evidence, collect
from .kinds import (
    LowerCaseWords,
    first_name_gender,
    kind_of,
    main_state_index,
    org_head,
    states_by_demonym,
)
from .lexicon import NAME_ADJECTIVES, words
from .names import ACRONYM, candidates_of
from .places import PlaceRules
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
    build.named_for_states()
    build.states_of_organizations()
    build.place_aliases()
    build.towns()
    build.short_names()
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


# The capitalized words (and "of", "and", "for") right before a parenthesis.
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w’'\-]*\s+(?:(?:of|and|for|the)\s+)*)*[A-Z][\w’'\-]*$")
_INSTITUTION_HEADS = words("Hospital College School Infirmary University")
#: Heads of public bodies, whose first word is where they are, not a short name.
_PUBLIC_BODIES = words("Authority Agency Service Services Commission Council Board Ministry Office")
# Heads of party names; a "Union" is a party only with a political word ("Christian
# Democratic Union", not the "Kaldmoor Dairy Union" or the "Union of Hospital Doctors").
_PARTY_HEADS = words("Party Alliance Front Movement League")
_POLITICAL_WORDS = words(
    "Democratic Christian Social Socialist National Liberal Conservative Progressive Civic "
    "Patriotic Green Popular People's People’s Republican Labour"
)
#: First words that make a state's name a region of it ("Northern Caldria").
_PLACE_MODIFIERS = words(
    "North South East West Northern Southern Eastern Western Central Greater Upper Lower New "
    "Old Inner Outer Rural Coastal"
)
_COMPANY_HEADS = words(
    "Resources Energy Corp Corporation Holdings Industries Technologies Capital Group Inc Ltd"
)


class _Build(PlaceRules):
    """The cast under construction: the place rules (`places`), then names, people and
    organizations' short forms."""

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
            if kind is None and self._surname_speaks(words, lower_case):
                kind = PERSON  # "Adèle Rosquin lost her vines. ... Rosquin said"
            if kind is None and ACRONYM.match(form) and self._spelled_out(form) is not None:
                acronyms[form] = ev  # "the ... Authority (DWSA)", then "the DWSA had opened"
                continue
            if kind is None:
                continue
            if kind == PERSON and self._named_for_a_state(words, ev):
                kind = ORGANIZATION  # "Statistics Caldria", "Green Teveria": no one's surname
            if kind == PERSON and len(words) == 1:
                singles[form] = ev
                continue
            if len(words) == 1 and (
                ACRONYM.match(form) or (kind in {ORGANIZATION, GROUP} and form in name_ends)
            ):
                # May turn out to be a known organization's short form ("Brio" of Brio Mobile).
                acronyms[form] = ev
                continue
            if (
                kind in {ORGANIZATION, GROUP}
                and ev.outside_roles == 0
                and not ev.introduced
                and not self._short_form_used(words)
            ):
                continue
            if kind == PERSON and ev.outside_roles == 0 and not ev.roles:
                continue  # named only inside someone else's role
            role = best_role(ev)
            info = ActorInfo(form, kind, role=role, nouns=set(ev.nouns), first=ev.first)
            if kind == PERSON:
                info.gender = first_name_gender(words[0])
                info.nouns.update(_role_nouns(role))
            self.add(info)
        return singles, acronyms

    def _surname_speaks(self, words: list[str], lower_case: LowerCaseWords) -> bool:
        """Whether a name of two words with no evidence of its own is a person's because its
        last word alone is one ("Rosquin said", "Rosquin ... she said")."""
        if len(words) != 2 or not all(w[:1].isupper() for w in words):
            return False
        surname = self.evidence.get(words[1])
        return (
            surname is not None
            and kind_of(words[1], surname, lower_case) == PERSON
            and words[0] not in self.place_forms
            and self.evidence[" ".join(words)].kind == "name"
        )

    def _named_for_a_state(self, words: list[str], ev: Evidence) -> bool:
        """A name ending in a state's name, with no first name or role of a person."""
        if len(words) < 2 or first_name_gender(words[0]) is not None or ev.kind_votes[PERSON]:
            return False
        last = self.evidence.get(words[-1])
        known = gazetteer.lookup(words[-1])
        return (known is not None and known[1] == "name") or (
            last is not None and self.may_be_state(words[-1], last)
        )

    def named_for_states(self) -> None:
        """Bodies named by a word and a state found only among the unknown states
        ("published by Statistics Caldria", once Caldria is a state): organizations."""
        states = {f for a in self.actors if a.kind == STATE for f in a.forms}
        for form, ev in sorted(self.evidence.items(), key=lambda kv: kv[1].first):
            words = form.split()
            if len(words) != 2 or words[1] not in states or form in self.by_form:
                continue
            if form in self.place_forms or words[0] in _PLACE_MODIFIERS or ev.kind != "name":
                continue
            if ev.outside_roles and not ev.kind_votes[PERSON] and not first_name_gender(words[0]):
                self.add(ActorInfo(form, ORGANIZATION, role=best_role(ev), first=ev.first))

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
            role = best_role(ev)
            self.add(ActorInfo(form, PERSON, role=role, first=ev.first))
        for surname, owners in surname_owner.items():
            if len(owners) == 1 and surname not in by_form and surname in self.evidence:
                owner = actors[owners[0]]
                owner.aliases.append(surname)
                by_form[surname] = owners[0]
                if owner.role is None:  # "Lars Berg said ... Berg, a hydrologist, said"
                    owner.role = best_role(self.evidence[surname])
                    owner.nouns.update(_role_nouns(owner.role))

    def organization_short_forms(self, acronyms: dict[str, Evidence]) -> None:
        """Acronyms and first words used alone ("NBL", "Corvane") join their organization;
        other acronyms are organizations of their own."""
        by_form = self.by_form
        for i, a in enumerate(list(self.actors)):
            if a.kind not in {ORGANIZATION, GROUP} or " " not in a.name:
                continue
            head = org_head(a.name)
            a.nouns.add(head.lower())
            if head in _PARTY_HEADS or (
                head == "Union" and _POLITICAL_WORDS.intersection(a.name.split())
            ):
                a.nouns.add("party")
            if head in _COMPANY_HEADS:
                a.nouns.add("company")
            initials = "".join(w[0] for w in a.name.split() if w[0].isupper() and w != "The")
            for form in (initials, a.name.split()[0]):
                short = self.evidence.get(form)
                if short is None or form in by_form or form in self.place_forms:
                    continue
                if (form == initials and len(initials) >= 2) or self._first_word_alone(
                    form, short, head
                ):
                    a.aliases.append(form)
                    by_form[form] = i
            self._head_alone(i, head)
        for form, ev in acronyms.items():
            if form not in by_form:
                # "the Dravonian Water Services Authority (DWSA)" inside someone's role: the
                # body the acronym goes on to name is the one spelled out.
                spelled = self._spelled_out(form)
                name = spelled if spelled is not None and spelled not in by_form else form
                nouns = {org_head(name).lower()} if name != form else set()
                self.add(ActorInfo(name, ORGANIZATION, nouns=nouns, first=ev.first))
                if name != form:
                    self.actors[-1].aliases.append(form)
                    by_form[form] = len(self.actors) - 1

    @staticmethod
    def _headless(name: str) -> list[str]:
        """A hospital's or college's name without its head word, as it is used alone
        ("Brenlow General", "St Aldric's")."""
        words = name.split()
        if words[-1] not in _INSTITUTION_HEADS or len(words) < 3:
            return []
        headless = " ".join(words[:-1])
        return [headless, headless.removesuffix("’s").removesuffix("'s")]

    def _spelled_out(self, acronym: str) -> str | None:
        """The name whose initials an acronym in parentheses right after it gives
        ("Dravonian Water Services Authority (DWSA)"), if the text has one."""
        masked = self.doc.masked
        at = masked.find(f" ({acronym})")
        if at < 0:
            return None
        run = _NAME_BEFORE.search(masked, max(0, at - 120), at)
        if run is None:
            return None
        words = run.group().split()
        while words:
            initials = "".join(w[0] for w in words if w[0].isupper())
            if initials == acronym:
                return " ".join(words)
            words = words[1:]
        return None

    def short_names(self) -> None:
        """ "the Rivers Agency" for the Halvorian Rivers Agency: an organization's name that
        is the last words of one other organization's name, or a hospital's name without
        "Hospital", is that one's short form."""
        actors = self.actors
        orgs = [i for i, a in enumerate(actors) if a.kind == ORGANIZATION]
        into: dict[int, int] = {}  # a short form's actor -> the actor it stands for
        headless: dict[str, set[int]] = {}
        for j in orgs:
            for form in self._headless(actors[j].name):
                headless.setdefault(form, set()).add(j)
        for i in orgs:
            short = actors[i]
            if " " not in short.name or short.role:
                continue
            longer = [
                j
                for j in orgs
                if j != i
                and (actors[j].name.endswith(" " + short.name) or j in headless.get(short.name, ()))
            ]
            if len(longer) != 1 or longer[0] in into:
                continue
            owner = actors[longer[0]]
            owner.aliases.extend(f for f in short.forms if f not in owner.forms)
            owner.first = min(owner.first, short.first)
            owner.nouns |= short.nouns
            into[i] = longer[0]
        if not into:
            return
        kept = [i for i in range(len(actors)) if i not in into]
        moved = {old: new for new, old in enumerate(kept)}
        moved.update({i: moved[j] for i, j in into.items()})
        self.by_form.update({form: moved[i] for form, i in self.by_form.items()})
        actors[:] = [actors[i] for i in kept]

    def _first_word_alone(self, form: str, short: Evidence, head: str) -> bool:
        """Whether `form`, the first word of an organization's name, stands alone for it
        ("Corvane" for Corvane Energy), not for a person, place or state."""
        return (
            short.kind_votes[PERSON] == 0
            # A word in two names is a place, not the short form of either organization
            # ("Caldria" of the Caldria Health Service and Statistics Caldria).
            and self.name_words[form] < 2
            and head not in _PUBLIC_BODIES  # "Quessland" of its Water Services Authority
            and not self._located(form)  # "rents in Sellin": a place
            and form not in gazetteer.BY_DEMONYM
            # "Brennan" of Brenna; "Pellonia" of Pellonia Rail Infrastructure, where the text
            # says "Pellonian"
            and form not in self.likely_states
            and form not in self.likely_states.values()
            and form not in NAME_ADJECTIVES
            and not form.endswith(("ean", "ian", "ese", "ish", "ern"))
            and not short.capital_hint
            and not short.state_hint  # "Brenna’s mines minister": a state
        )

    def _short_form_used(self, words: list[str]) -> bool:
        """Whether an organization named only inside roles is talked about by its first word
        alone ("chief executive of Northgate University Hospital ... Northgate is likely to
        clear its backlog"): the text then says something about it (GUIDELINES)."""
        if len(words) < 2 or words[0] in self.place_forms:
            return False
        short = self.evidence.get(words[0])
        return (
            short is not None
            and short.outside_roles > 0
            and self._first_word_alone(words[0], short, org_head(" ".join(words)))
        )

    def _head_alone(self, index: int, head: str) -> None:
        """ "the League" for the Farmers’ League: the head word, capitalized after "the", as a
        short form, when no other name has that word."""
        ev = self.evidence.get(head)
        if ev is None or head in self.by_form or self.name_words[head] > 1 or ev.kind_votes[PERSON]:
            return
        masked = self.doc.masked
        if any(
            masked[max(0, c.start - 4) : c.start].lower() == "the "
            for c in self.occurrences.get(head, ())
        ):
            self.actors[index].aliases.append(head)
            self.by_form[head] = index
